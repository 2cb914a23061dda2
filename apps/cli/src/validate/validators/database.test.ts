import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '@rustybt/paper-runner';
import { DEFAULT_CRITERIA, mergeCriteria, runValidation, type ValidatorResult } from '@rustybt/validate';
import { tempHome, type TempHome } from '../testing/temp-setup';
import { databaseValidator } from './database';

let home: TempHome | undefined;
afterEach(() => home?.cleanup());
// Speed goals live in benchmarks: the latency bound here is loose, so a loaded machine cannot fail the test.
const criteria = mergeCriteria(DEFAULT_CRITERIA, { thresholds: { dbQueryP99Ms: 60_000 } });
const attestation = { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 'test' };

/** A real session file: the store's own schema, WAL, a few runs and metadata. */
function session(path: string): void {
  const store = StateStore.open(path);
  store.setMeta({ strategy: '/x/sma.ts', data: 'sim', symbol: 'SIM' });
  for (let i = 0; i < 50; i++) store.endRun(store.beginRun({ pid: 1000 + i, version: 'test', startedAt: i * 1000, resumed: i > 0 }), i * 1000 + 500, 'signal');
  store.close();
}

async function validate(): Promise<ValidatorResult> {
  const result = await runValidation({ validators: [databaseValidator(home!.setup())], mode: 'standard', only: ['database'], attestation, criteria });
  return result.validators[0]!;
}

describe('database validator', () => {
  it('passes healthy session files: integrity, WAL, current schema, status queries', async () => {
    home = tempHome();
    session(join(home.home, 'state', 'alpha.db'));
    session(join(home.home, 'state', 'beta.db'));
    const v = await validate();
    expect(v.status).toBe('PASS');
    expect(v.checks.find((c) => c.id === 'database.sessions')).toMatchObject({ value: 2, detail: 'alpha, beta' });
    expect(v.checks.filter((c) => c.id === 'database.integrity').map((c) => c.subject)).toEqual(['alpha', 'beta']);
    expect(v.checks.find((c) => c.id === 'database.query-latency')?.evidence?.[0]).toMatchObject({ kind: 'histogram' });
  });

  it('fails a corrupted state file and names it', async () => {
    home = tempHome();
    session(join(home.home, 'state', 'good.db'));
    const bad = join(home.home, 'state', 'bad.db');
    session(bad);
    // Garbage over every page after the first: the header still says SQLite, the b-trees are gone.
    const fd = openSync(bad, 'r+');
    const size = statSync(bad).size;
    writeSync(fd, Buffer.alloc(size - 4096, 0x5a), 0, size - 4096, 4096);
    closeSync(fd);
    const v = await validate();
    expect(v.status).toBe('FAIL');
    const integrity = v.checks.filter((c) => c.id === 'database.integrity');
    expect(integrity.find((c) => c.subject === 'good')?.status).toBe('PASS');
    expect(integrity.find((c) => c.subject === 'bad')).toMatchObject({ status: 'FAIL', remedy: expect.stringContaining('backup') });
  });

  it('skips when there are no sessions', async () => {
    home = tempHome();
    const v = await validate();
    expect(v.checks).toEqual([expect.objectContaining({ id: 'database.sessions', status: 'SKIP' })]);
  });
});
