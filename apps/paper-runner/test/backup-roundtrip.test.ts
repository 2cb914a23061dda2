import { createGunzip } from 'node:zlib';
import { createReadStream, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackup, listArchives, restoreArchive, verifyRestore } from '../src/backup/index';
import { StateStore } from '../src/state/store';
import { CANARY, modesOf, plantHome, tempHome, treeOf } from './support/backup-home';

const homes: string[] = [];
const home = () => {
  const h = tempHome();
  homes.push(h.home);
  return h;
};
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));

async function entriesOf(archive: string): Promise<{ path: string; type: string; body: Buffer }[]> {
  const out: { path: string; type: string; body: Buffer }[] = [];
  const parser = new Parser();
  parser.on('entry', (e: ReadEntry) => {
    const chunks: Buffer[] = [];
    e.on('data', (c: Buffer) => chunks.push(c));
    e.on('end', () => out.push({ path: e.path, type: e.type, body: Buffer.concat(chunks) }));
  });
  await new Promise<void>((resolve, reject) => {
    createReadStream(archive).pipe(createGunzip()).on('error', reject).pipe(parser).on('end', resolve);
  });
  return out;
}

describe('backup -> restore -> verify-restore', () => {
  it('packs manifest.json first, the session snapshot, config and the encrypted store; no plaintext .env; owner-only', async () => {
    const src = home();
    plantHome(src, 'alpha', 3);
    const result = await createBackup({ home: src });
    expect(result.archive).toMatch(/backups\/rustybt-backup-\d{8}T\d{9}Z\.tar\.gz$/);
    expect((statSync(result.archive).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(join(src.home, 'backups')).mode & 0o777).toString(8)).toBe('700');
    const entries = await entriesOf(result.archive);
    expect(entries.map((e) => e.path)).toEqual(['manifest.json', 'state/alpha.db', 'config/config.yaml', 'config/credentials.enc']);
    expect(entries.every((e) => e.type === 'File')).toBe(true);
    expect(result.plaintext).toEqual([]);
    for (const e of entries) expect(e.body.toString('latin1')).not.toContain(CANARY);
    const manifest = JSON.parse(entries[0]!.body.toString('utf8'));
    expect(manifest).toMatchObject({
      format: 1,
      sessions: [{ name: 'alpha', schemaVersion: 1, lastBarTime: '1970-01-01T00:03:00.000Z', orders: 3, fills: 3, positions: 1 }],
    });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['state/alpha.db', 'config/config.yaml', 'config/credentials.enc']);
    // Nothing left behind beside the archive (staging, temp files).
    expect(listArchives(join(src.home, 'backups'))).toEqual([result.archive]);
    expect(treeOf(join(src.home, 'backups'))).toEqual({ [result.archive.split('/').pop()!]: expect.any(String) });
  });

  it('carries the plaintext .env and logs only when asked, and says so', async () => {
    const src = home();
    plantHome(src);
    const result = await createBackup({ home: src, includeEnv: true, includeLogs: true });
    expect(result.plaintext).toEqual(['config/.env']);
    expect((await entriesOf(result.archive)).map((e) => e.path)).toEqual([
      'manifest.json',
      'state/alpha.db',
      'config/config.yaml',
      'config/credentials.enc',
      'config/.env',
      'logs/paper-trade-2025-01-01.log',
    ]);
  });

  it('restores into a fresh home, byte for byte, owner-only, and verify-restore passes', async () => {
    const src = home();
    plantHome(src, 'alpha', 5);
    const { archive } = await createBackup({ home: src, includeLogs: true });
    const dst = home();
    rmSync(dst.home, { recursive: true });
    const restored = await restoreArchive({ archive, home: dst });
    expect(restored.restored).toEqual(['state/alpha.db', 'config/config.yaml', 'config/credentials.enc', 'logs/paper-trade-2025-01-01.log']);
    expect(readFileSync(join(dst.config, 'credentials.enc'))).toEqual(readFileSync(join(src.config, 'credentials.enc')));
    const store = StateStore.openReadOnly(join(dst.state, 'alpha.db'));
    expect(store.fillCount()).toBe(5);
    store.close();
    const modes = modesOf(dst.home);
    for (const [path, mode] of Object.entries(modes)) expect([path, mode]).toEqual([path, statSync(join(dst.home, path)).isDirectory() ? '700' : '600']);
    expect(Object.keys(modes).sort()).toEqual([
      'config',
      'config/config.yaml',
      'config/credentials.enc',
      'logs',
      'logs/paper-trade-2025-01-01.log',
      'state',
      'state/alpha.db',
      'state/alpha.db.lock',
    ]);

    const report = await verifyRestore({ archive, home: src, rtoMs: 300_000 });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.sessions[0]).toMatchObject({
      name: 'alpha',
      integrity: 'ok',
      start: { resumeAfter: '1970-01-01T00:05:00.000Z', barsProcessed: 5 },
      live: { running: false, lagMs: 0 },
    });
  });

  it('replaces existing files only with force, keeping them as .pre-restore-<time>; identical files are left alone', async () => {
    const src = home();
    plantHome(src, 'alpha', 2);
    const { archive } = await createBackup({ home: src });
    // The session moves on after the backup.
    plantHome(src, 'alpha', 4);
    await expect(restoreArchive({ archive, home: src })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/alpha\.db exists\. Pass --force to replace/),
    });
    const r = await restoreArchive({ archive, home: src, force: true, now: () => new Date('2025-03-04T05:06:07.089Z') });
    expect(r.restored).toEqual(['state/alpha.db']);
    expect(r.unchanged).toEqual(['config/config.yaml', 'config/credentials.enc']);
    expect(r.movedAside).toEqual([join(src.state, 'alpha.db.pre-restore-20250304T050607089Z')]);
    const back = StateStore.openReadOnly(join(src.state, 'alpha.db'));
    expect(back.fillCount()).toBe(2);
    back.close();
    const aside = new (await import('better-sqlite3')).default(r.movedAside[0]!, { readonly: true });
    expect(aside.prepare('SELECT COUNT(*) FROM fills').pluck().get()).toBe(4);
    aside.close();
  });

  it('prunes to the newest N backups of its folder and nothing else', async () => {
    const src = home();
    plantHome(src);
    const out = join(src.home, 'elsewhere');
    const made: string[] = [];
    for (let i = 0; i < 4; i++)
      made.push((await createBackup({ home: src, outputDir: out, keep: 2, now: () => new Date(Date.UTC(2025, 0, 1, 0, 0, i)) })).archive);
    expect(listArchives(out)).toEqual(made.slice(2));
    expect(existsSync(made[0]!)).toBe(false);
  });

  it('a session name that is a path, an unknown session, a bad --keep: input errors, nothing written', async () => {
    const src = home();
    plantHome(src);
    const before = treeOf(src.home);
    await expect(createBackup({ home: src, session: '../x' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^bad --session '\.\.\/x'/),
    });
    await expect(createBackup({ home: src, session: 'nope' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^no session 'nope' in .*\. Sessions: alpha$/),
    });
    await expect(createBackup({ home: src, keep: 0 })).rejects.toMatchObject({ exitCode: 2 });
    expect(treeOf(src.home)).toEqual(before);
  });
});
