import type { AppendVariant, DecisionTag } from './insights.js';

/**
 * One row of a decision table: when `applies` holds (and no earlier rule did), the answer is
 * `allow`, for the reason `tag`. `id` names the rule in docs/decision-engine.md.
 */
export interface DecisionRule<Facts> {
  id: string;
  tag: DecisionTag;
  allow: boolean;
  applies: (facts: Facts) => boolean;
  /** Append tables only: the variant the refusal was about, reported instead of the moment's. */
  variant?: AppendVariant;
}

/**
 * The first rule that applies. A table ends with a rule that always applies; running past
 * it is a bug in the table, never in the input.
 */
export function firstMatchingRule<Facts>(
  rules: readonly DecisionRule<Facts>[],
  facts: Facts,
): DecisionRule<Facts> {
  for (const rule of rules) if (rule.applies(facts)) return rule;
  throw new Error('decision table without a final rule that always applies');
}
