import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { rustybt } from './run-cli';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rustybt-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the project's own README and docs name only real commands, flags and values", () => {
  const r = rustybt(['docs-audit'], { RUSTYBT_HOME: dir }, repoRoot);
  expect(r.stdout).toMatch(/^PASS: \d+ command lines in \d+ files, 0 problems/m);
  expect(r.code).toBe(0);
});

it('fails with file:line for a documented flag that does not exist', () => {
  const doc = join(dir, 'guide.md');
  writeFileSync(doc, 'Intro\n\n```sh\nrustybt config show --verbose\n```\n');
  const r = rustybt(['--json', 'docs-audit', doc], { RUSTYBT_HOME: dir }, dir);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout) as { findings: { file: string; line: number; problem: string }[] };
  expect(report.findings).toEqual([
    expect.objectContaining({ file: 'guide.md', line: 4, problem: "unknown option '--verbose' for 'rustybt config show'" }),
  ]);
});

it('rejects a path that does not exist with exit 2', () => {
  const r = rustybt(['docs-audit', join(dir, 'missing.md')], { RUSTYBT_HOME: dir }, dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: .*missing\.md: no such file or folder\. Check the path\n$/);
});
