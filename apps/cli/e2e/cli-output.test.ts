import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, rustybt } from './run-cli';

const home = mkdtempSync(join(tmpdir(), 'rustybt-output-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home, NO_COLOR: '1' };

interface Spec {
  name: string;
  hidden: boolean;
  commands: Spec[];
}

/**
 * Runs the bin with stdout (or stderr) a real pipe whose reading end is closed before the child
 * starts, as `rustybt ... | head` is once head has exited: every write gets EPIPE.
 */
function withClosedPipe(args: string[], closed: 'stdout' | 'stderr'): Promise<{ code: number | null; other: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child[closed].destroy();
    const other = closed === 'stdout' ? child.stderr : child.stdout;
    let text = '';
    other.setEncoding('utf8').on('data', (c: string) => (text += c));
    child.on('close', (code) => resolve({ code, other: text }));
  });
}

function paths(spec: Spec, prefix: string[] = []): string[][] {
  return spec.commands.filter((c) => !c.hidden).flatMap((c) => [[...prefix, c.name], ...paths(c, [...prefix, c.name])]);
}

describe('what the CLI writes', () => {
  it('ends quietly when the reader of stdout has gone, for every command (exit 141, no stack)', async () => {
    const spec = JSON.parse(rustybt(['cli-spec', '--json'], env).stdout) as Spec;
    const all = [[], ...paths(spec)];
    expect(all.map((p) => p.join(' '))).toContain('live-trade');
    for (const path of all) {
      const r = await withClosedPipe([...path, '--help'], 'stdout');
      expect({ path, ...r }).toEqual({ path, code: 141, other: '' });
    }
    // A command's own output, not only help.
    expect(await withClosedPipe(['test-data', '--source', 'sim', '--symbol', 'SIM'], 'stdout')).toEqual({ code: 141, other: '' });
  });

  it('ends quietly when the reader of stderr has gone', async () => {
    expect(await withClosedPipe(['tset-data'], 'stderr')).toEqual({ code: 141, other: '' });
  });

  it('redacts secret variables of the environment in everything on stderr, --debug stacks included', () => {
    const canary = 'CANARYenvS3cret0000000099';
    for (const debug of [[], ['--debug']]) {
      const r = rustybt([...debug, 'test-data', '--source', `csv:${join(home, `${canary}.csv`)}`, '--symbol', 'X'], { ...env, MY_VENUE_API_SECRET: canary });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('[REDACTED]');
      expect(r.stderr).not.toContain(canary.slice(0, 8));
      expect(r.stderr).not.toContain('Run again with --debug');
    }
  });

  it('names rustybt --help, not a command that does not exist', () => {
    const r = rustybt(['tset-data'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown command 'tset-data'. Did you mean test-data? Run 'rustybt --help' for usage\n");
  });
});
