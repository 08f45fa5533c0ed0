import { createRequire } from 'node:module';
import type { CDPSession, Page } from 'playwright-core';

/*
 * Accessibility checks on a live page, two independent ones:
 * - the IBM Equal Access engine (accessibility-checker-engine, Apache-2.0; axe-core is
 *   MPL-2.0, which this project does not take), injected into the page, rule set
 *   WCAG_2_2 (A and AA), which walks open shadow roots: every "violation" counts;
 * - Chromium's own accessibility tree over CDP (Accessibility.getFullAXTree), the tree a
 *   screen reader gets: every field, button and link must have a name.
 */

/** One problem either check found. */
export interface AccessibilityProblem {
  check: 'equal-access' | 'ax-tree';
  rule: string;
  where: string;
  message: string;
}

const aceEnginePath = createRequire(import.meta.url).resolve('accessibility-checker-engine/ace.js');

/** Roles a person operates; each needs an accessible name (WCAG 4.1.2). */
const namedRoles = new Set(['textbox', 'button', 'link', 'checkbox', 'combobox', 'searchbox']);

interface AceResult {
  ruleId: string;
  value: [string, string];
  path: { dom: string };
  message: string;
}

/**
 * Runs both checks; answers the problems (none: the screen passes). `cdp` is the page's
 * existing CDP session: detaching a second one would also drop the virtual authenticator.
 */
export async function checkAccessibility(
  page: Page,
  cdp: CDPSession,
): Promise<AccessibilityProblem[]> {
  const problems: AccessibilityProblem[] = [];
  const hasEngine = await page.evaluate(() => 'ace' in window);
  if (!hasEngine) await page.addScriptTag({ path: aceEnginePath });
  const results = await page.evaluate(async () => {
    const ace = (window as unknown as { ace: { Checker: new () => AceChecker } }).ace;
    interface AceChecker {
      check(doc: Document, rulesets: string[]): Promise<{ results: AceResult[] }>;
    }
    const report = await new ace.Checker().check(document, ['WCAG_2_2']);
    return report.results
      .filter((result) => result.value[0] === 'VIOLATION' && result.value[1] === 'FAIL')
      .map((result) => ({ rule: result.ruleId, where: result.path.dom, message: result.message }));
  });
  for (const result of results) problems.push({ check: 'equal-access', ...result });

  {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    for (const node of nodes) {
      const role = String(node.role?.value ?? '');
      if (node.ignored || !namedRoles.has(role)) continue;
      const name = String(node.name?.value ?? '').trim();
      if (name === '') {
        problems.push({
          check: 'ax-tree',
          rule: 'named-control',
          where: `${role} (backend node ${node.backendDOMNodeId ?? '?'})`,
          message: `a ${role} without an accessible name`,
        });
      }
    }
  }
  return problems;
}
