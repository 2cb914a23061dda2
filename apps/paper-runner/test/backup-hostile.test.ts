import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Header, type HeaderData } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeLayout } from '@rustybt/ops';
import { createBackup, restoreArchive, verifyRestore } from '../src/backup/index';
import { plantHome, tempHome, treeOf } from './support/backup-home';

const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));
let src: HomeLayout;
let dst: HomeLayout;
let legit: string;
let scratch: string;

beforeAll(async () => {
  src = tempHome();
  dst = tempHome();
  homes.push(src.home, dst.home);
  plantHome(src, 'alpha', 4);
  // The target already has a session: a refused restore must leave it exactly as it is.
  plantHome(dst, 'alpha', 1);
  legit = (await createBackup({ home: src })).archive;
  scratch = join(src.home, 'hostile');
  rmSync(scratch, { recursive: true, force: true });
  (await import('node:fs')).mkdirSync(scratch);
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pad = (n: number) => Buffer.alloc((512 - (n % 512)) % 512);

/** One raw tar entry, header written by the tar package, any type or size the test wants to lie about. */
function entry(data: HeaderData & { path: string }, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = new Header({ mode: 0o600, mtime: new Date(0), type: 'File', size: body.length, ...data });
  header.encode();
  return Buffer.concat([header.block!, body, pad(body.length)]);
}

function manifestOf(files: { path: string; body: Buffer }[], sessions: unknown[] = []): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: 1,
      rustybtVersion: '0.1.0',
      createdAt: '2025-01-01T00:00:00.000Z',
      host: 'h',
      files: files.map((f) => ({ path: f.path, size: f.body.length, sha256: sha(f.body) })),
      sessions,
    }),
  );
}

function archive(name: string, parts: Buffer[], trailer = Buffer.alloc(1024)): string {
  const path = join(scratch, `${name}.tar.gz`);
  writeFileSync(path, gzipSync(Buffer.concat([...parts, trailer])));
  return path;
}

const db = Buffer.from('SQLite format 3\u0000 pretend pages');
const listed = [{ path: 'state/alpha.db', body: db }];
const withManifest = (files: { path: string; body: Buffer }[], ...rest: Buffer[]) => [entry({ path: 'manifest.json' }, manifestOf(files)), ...rest];

/** Every refusal: exit 2, one line naming the archive, and the target home byte for byte as it was. */
async function expectRefused(path: string, message: RegExp): Promise<void> {
  const before = treeOf(dst.home);
  const err = await restoreArchive({ archive: path, home: dst, force: true }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ exitCode: 2 });
  expect((err as Error).message).toMatch(message);
  expect((err as Error).message).not.toContain('\n');
  expect(treeOf(dst.home)).toEqual(before);
  await expect(verifyRestore({ archive: path, home: dst })).rejects.toMatchObject({ exitCode: 2 });
}

describe('hostile archives are refused before anything is written', () => {
  it('path traversal in an entry', async () => {
    await expectRefused(
      archive('traversal', withManifest(listed, entry({ path: 'state/../../evil.db' }, db))),
      /has a '\.\.' in the path \('state\/\.\.\/\.\.\/evil\.db'\)/,
    );
  });

  it('path traversal in the manifest itself', async () => {
    const files = [{ path: 'state/../../../tmp/evil.db', body: db }];
    await expectRefused(
      archive('traversal-manifest', [entry({ path: 'manifest.json' }, manifestOf(files)), entry({ path: files[0]!.path }, db)]),
      /bad manifest at files\.0\.path: a '\.\.' in the path/,
    );
  });

  it('an absolute path', async () => {
    await expectRefused(
      archive('absolute', withManifest(listed, entry({ path: '/tmp/rustybt-evil.db' }, db))),
      /has an absolute path \('\/tmp\/rustybt-evil\.db'\)/,
    );
  });

  it('a symbolic link', async () => {
    await expectRefused(
      archive('symlink', withManifest(listed, entry({ path: 'state/alpha.db', type: 'SymbolicLink', linkpath: '/etc/passwd', size: 0 }))),
      /has a symbolic link \(state\/alpha\.db\)/,
    );
  });

  it('a hard link', async () => {
    await expectRefused(
      archive('hardlink', withManifest(listed, entry({ path: 'state/alpha.db', type: 'Link', linkpath: 'config/config.yaml', size: 0 }))),
      /has a hard link/,
    );
  });

  it('a device', async () => {
    await expectRefused(
      archive('device', withManifest(listed, entry({ path: 'state/alpha.db', type: 'CharacterDevice', size: 0, devmaj: 1, devmin: 3 }))),
      /has a device/,
    );
  });

  it('an entry the manifest does not list', async () => {
    await expectRefused(
      archive('unlisted', withManifest(listed, entry({ path: 'state/alpha.db' }, db), entry({ path: 'logs/extra.log' }, Buffer.from('x')))),
      /has an entry its manifest does not list \('logs\/extra\.log'\)/,
    );
  });

  it('an entry larger than the manifest says (oversize)', async () => {
    const big = Buffer.alloc(64 * 1024, 7);
    await expectRefused(
      archive('oversize', withManifest(listed, entry({ path: 'state/alpha.db' }, big))),
      /has state\/alpha\.db of 65536 bytes where its manifest says 30/,
    );
  });

  it('a tar bomb: zeros far beyond what the manifest accounts for', async () => {
    await expectRefused(
      archive('bomb', withManifest(listed, entry({ path: 'state/alpha.db' }, db)), Buffer.alloc(64 * 1024 * 1024)),
      /unpacks to more bytes than its manifest accounts for/,
    );
  });

  it('no manifest first', async () => {
    await expectRefused(
      archive('no-manifest', [entry({ path: 'state/alpha.db' }, db), entry({ path: 'manifest.json' }, manifestOf(listed))]),
      /does not start with manifest\.json/,
    );
  });

  it('a corrupt gzip', async () => {
    const bytes = readFileSync(legit);
    const path = join(scratch, 'corrupt.tar.gz');
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefused(path, /is not a valid gzip file/);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(path, flipped);
    await expectRefused(path, /is not a valid gzip file|is not a valid tar archive|not matching the sha256/);
  });

  it('a flipped byte under a valid manifest', async () => {
    const tar = gunzipSync(readFileSync(legit));
    // The session database is the second entry: past the manifest's header and body.
    const manifestSize = new Header(tar, 0).size!;
    const dbBody = 512 + manifestSize + (512 - (manifestSize % 512)) + 512;
    tar[dbBody + 200]! ^= 0x01;
    const path = join(scratch, 'flipped.tar.gz');
    writeFileSync(path, gzipSync(tar));
    await expectRefused(path, /has state\/alpha\.db not matching the sha256 in its manifest/);
  });

  it('not an archive at all, and a missing file', async () => {
    const path = join(scratch, 'text.tar.gz');
    writeFileSync(path, 'just some text\n');
    await expectRefused(path, /is not a valid gzip file/);
    await expectRefused(join(scratch, 'absent.tar.gz'), /no archive .*absent\.tar\.gz/);
  });

  it('the untouched legit archive restores (the hostile cases fail for their reason, not the harness)', async () => {
    const r = await restoreArchive({ archive: legit, home: dst, force: true });
    expect(r.restored).toContain('state/alpha.db');
  });
});
