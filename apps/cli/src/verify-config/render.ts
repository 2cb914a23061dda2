import type { ConfigCheck } from './check';

/** PASS/WARN/FAIL/SKIP per line, with where and what to do; a summary last. */
export function renderChecks(checks: readonly ConfigCheck[]): string {
  const width = Math.max(...checks.map((c) => c.title.length), 10);
  const lines = checks.map((c) => {
    const where = c.where ? `  [${c.where}]` : '';
    const remedy = c.remedy && c.status !== 'PASS' ? `\n      -> ${c.remedy}` : '';
    return `${c.status.padEnd(4)}  ${c.title.padEnd(width)}  ${c.detail}${where}${remedy}`;
  });
  const n = (s: ConfigCheck['status']) => checks.filter((c) => c.status === s).length;
  lines.push(
    `result: ${n('FAIL') ? 'FAIL' : n('WARN') ? 'WARN' : 'PASS'} (${n('PASS')} passed, ${n('WARN')} warnings, ${n('FAIL')} failed, ${n('SKIP')} skipped)`,
  );
  return `${lines.join('\n')}\n`;
}
