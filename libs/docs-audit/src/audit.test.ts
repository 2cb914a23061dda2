import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { auditFiles, formatReport } from './audit';
import { spec } from './test-spec';

const dir = mkdtempSync(join(tmpdir(), 'docs-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reports each bad line with file and line, and passes clean files', async () => {
  const good = join(dir, 'good.md');
  const bad = join(dir, 'bad.md');
  writeFileSync(good, '```sh\nrustybt backtest --strategy a.ts\n```\n');
  writeFileSync(bad, '# Title\n\n`rustybt backtest --bogus`\n');
  const report = await auditFiles([good, bad], spec, { cwd: dir });
  expect(report).toMatchObject({ files: 2, invocations: 2 });
  expect(report.findings).toEqual([{ file: 'bad.md', line: 3, text: 'rustybt backtest --bogus', problem: "unknown option '--bogus' for 'rustybt backtest'" }]);
  expect(formatReport(report)).toContain('FAIL: 2 command lines in 2 files, 1 problems');
});
