import { formatTimestamp } from '../core/clock.js';

/** Writes a command's result: one JSON document with --json, readable lines otherwise. */
export function printResult(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

/** A table of rows with aligned columns, for list commands. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function formatTime(ms: number | null): string {
  return ms === null ? '-' : formatTimestamp(ms);
}

/** Progress output for long operations goes to stderr, so --json output stays clean. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
