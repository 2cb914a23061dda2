import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './run';
import { knowSecrets } from './stderr-redaction';

const home = mkdtempSync(join(tmpdir(), 'rustybt-run-'));
const homeBefore = process.env['RUSTYBT_HOME'];
process.env['RUSTYBT_HOME'] = home;
afterAll(() => {
  if (homeBefore === undefined) delete process.env['RUSTYBT_HOME'];
  else process.env['RUSTYBT_HOME'] = homeBefore;
  rmSync(home, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await run(['node', 'rustybt', ...args], (l) => lines.push(l));
  return { code, lines };
}

describe('run', () => {
  it('points an unknown command at rustybt --help, with the did-you-mean as a sentence of the one line', async () => {
    expect(await cli('tset-data')).toEqual({ code: 2, lines: ["error: unknown command 'tset-data'. Did you mean test-data? Run 'rustybt --help' for usage"] });
    expect((await cli('frobnicate')).lines).toEqual(["error: unknown command 'frobnicate'. Run 'rustybt --help' for usage"]);
    expect((await cli('config', 'shw')).lines).toEqual(["error: unknown command 'shw'. Did you mean show? Run 'rustybt config --help' for usage"]);
    expect((await cli('test-data', '--bogus')).lines[0]).toMatch(/Run 'rustybt test-data --help' for usage$/);
  });

  it('redacts every line it reports, the --debug stack included', async () => {
    const canary = 'CANARYcliS3cret0000000042';
    knowSecrets([canary]);
    for (const debug of [[], ['--debug']]) {
      const { code, lines } = await cli(...debug, 'test-data', '--source', `csv:${join(home, `${canary}.csv`)}`, '--symbol', 'X');
      expect(code).toBe(2);
      expect(lines.join('\n')).toContain('[REDACTED]');
      expect(lines.join('\n')).not.toContain(canary.slice(0, 8));
    }
  });

  it('learns the secrets of a .env file once the config is loaded', async () => {
    const canary = 'CANARYdotenvS3cret000007';
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(join(home, 'config', '.env'), `SOME_VENUE_API_SECRET=${canary}\n`);
    const { lines } = await cli('test-data', '--source', 'sim', '--symbol', 'X', '--start', canary);
    rmSync(join(home, 'config', '.env'));
    expect(lines.join('\n')).toMatch(/^error: --start '\[REDACTED\]' is not a date/);
  });
});
