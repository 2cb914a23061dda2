import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError } from '@rustybt/ops';
import { Parser, type ReadEntry } from 'tar';
import { MANIFEST_PATH, MAX_MANIFEST_BYTES, parseManifest, unsafePathReason, type Manifest, type ManifestFile } from './manifest';

/** Where the bytes of one verified entry go (pass 2 of a restore); reading alone only verifies. */
export interface EntrySink {
  write(chunk: Buffer): void;
  /** Called once every byte arrived and the hash matched. */
  done(): void;
}
export type SinkFactory = (file: ManifestFile) => EntrySink;

/** A tar header block, and room for pax/long-name headers an entry may carry. */
const BLOCK = 512;
const HEADER_ALLOWANCE = 8 * BLOCK;
/** End-of-archive blocks and a record's padding. */
const TRAILER_ALLOWANCE = 20 * BLOCK + 20 * 512;
/** What the first entry's header starts with: the tar name field `manifest.json` and a NUL. */
const FIRST_NAME = Buffer.from(`${MANIFEST_PATH}\u0000`, 'latin1');

const TYPE_REASONS: Partial<Record<string, string>> = {
  SymbolicLink: 'a symbolic link',
  Link: 'a hard link',
  CharacterDevice: 'a device',
  BlockDevice: 'a device',
  FIFO: 'a FIFO',
  Directory: 'a directory entry',
};

const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;

/** The most bytes an honest archive with this manifest unpacks to: the bound that stops a tar bomb. */
function unpackedBound(m: Manifest, manifestSize: number): number {
  const files = m.files.reduce((sum, f) => sum + HEADER_ALLOWANCE + padded(f.size), 0);
  return HEADER_ALLOWANCE + padded(manifestSize) + files + TRAILER_ALLOWANCE;
}

/**
 * Reads a backup archive as a stream, trusting nothing: the first entry must be manifest.json (a
 * valid manifest); every later entry must be a regular file at a safe path listed in the manifest,
 * once, with exactly the listed size and sha256; the whole archive may not unpack to more than the
 * manifest accounts for. Nothing is written unless a sink is given, and a sink only ever receives
 * bytes of a listed file within its size. Any violation is an InputError (exit 2).
 */
export function readArchive(archive: string, sinkFor?: SinkFactory): Promise<Manifest> {
  return new Promise<Manifest>((resolve, reject) => {
    const input = createReadStream(archive);
    const gunzip = createGunzip();
    const parser = new Parser({ strict: true, brotli: false, zstd: false });
    let manifest: Manifest | undefined;
    let byPath = new Map<string, ManifestFile>();
    const seen = new Set<string>();
    let entries = 0;
    let unpacked = 0;
    let bound = HEADER_ALLOWANCE + MAX_MANIFEST_BYTES + TRAILER_ALLOWANCE;
    let failed = false;

    const fail = (what: string, hint = 'It is not a rustybt backup, or it is damaged or was tampered with. Use another archive') => {
      if (failed) return;
      failed = true;
      input.destroy();
      gunzip.destroy();
      parser.abort(new Error(what));
      reject(new InputError(`${archive} ${what}. ${hint}`));
    };

    input.on('error', (err: NodeJS.ErrnoException) => fail(`cannot be read (${err.code ?? err.message})`, 'Check the path and its permissions'));
    gunzip.on('error', () => fail('is not a valid gzip file (corrupt or truncated)'));
    parser.on('error', (err: Error) => fail(`is not a valid tar archive (${err.message.replace(/^TAR_\w+: /, '')})`));
    gunzip.on('data', (chunk: Buffer) => {
      if (failed) return;
      // The Parser would itself unpack a gzip nested inside: the first entry's name rules that out.
      if (unpacked === 0 && !chunk.subarray(0, FIRST_NAME.length).equals(FIRST_NAME)) return fail(`does not start with ${MANIFEST_PATH}`);
      unpacked += chunk.length;
      if (unpacked > bound) return fail('unpacks to more bytes than its manifest accounts for (a tar bomb?)');
      if (!parser.write(chunk)) {
        gunzip.pause();
        parser.once('drain', () => gunzip.resume());
      }
    });
    gunzip.on('end', () => {
      if (!failed) parser.end();
    });
    parser.on('end', () => {
      if (failed) return;
      if (!manifest) return fail(`has no ${MANIFEST_PATH}`);
      const missing = manifest.files.find((f) => !seen.has(f.path));
      if (missing) return fail(`lacks ${missing.path}, which its manifest lists`);
      resolve(manifest);
    });

    parser.on('entry', (entry: ReadEntry) => {
      if (failed) return void entry.resume();
      if (entries++ === 0) return readManifest(entry);
      if (!manifest) return fail(`has an entry before its manifest was read`);
      const reason = TYPE_REASONS[entry.type] ?? (entry.type === 'File' || entry.type === 'OldFile' ? undefined : `an entry of type ${entry.type}`);
      if (reason) return fail(`has ${reason} (${entry.path}); backups hold regular files only`);
      const unsafe = unsafePathReason(entry.path);
      if (unsafe) return fail(`has ${unsafe} ('${entry.path}')`);
      const file = byPath.get(entry.path);
      if (!file) return fail(`has an entry its manifest does not list ('${entry.path}')`);
      if (seen.has(file.path)) return fail(`has ${file.path} twice`);
      if (entry.size !== file.size) return fail(`has ${file.path} of ${entry.size} bytes where its manifest says ${file.size}`);
      readFile(entry, file);
    });

    function readManifest(entry: ReadEntry): void {
      if (entry.path !== MANIFEST_PATH || entry.type !== 'File') return fail(`does not start with ${MANIFEST_PATH}`);
      if (entry.size > MAX_MANIFEST_BYTES) return fail(`has a ${MANIFEST_PATH} larger than ${MAX_MANIFEST_BYTES} bytes`);
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => {
        if (failed) return;
        try {
          manifest = parseManifest(Buffer.concat(chunks).toString('utf8'), archive);
        } catch (err) {
          failed = true;
          input.destroy();
          gunzip.destroy();
          parser.abort(err as Error);
          return reject(err);
        }
        byPath = new Map(manifest.files.map((f) => [f.path, f]));
        bound = unpackedBound(manifest, entry.size);
      });
    }

    function readFile(entry: ReadEntry, file: ManifestFile): void {
      const hash = createHash('sha256');
      const sink = sinkFor?.(file);
      let bytes = 0;
      entry.on('data', (c: Buffer) => {
        if (failed) return;
        bytes += c.length;
        if (bytes > file.size) return fail(`has more bytes in ${file.path} than its manifest says (${file.size})`);
        hash.update(c);
        sink?.write(c);
      });
      entry.on('end', () => {
        if (failed) return;
        if (bytes !== file.size) return fail(`has ${bytes} bytes in ${file.path} where its manifest says ${file.size}`);
        if (hash.digest('hex') !== file.sha256) return fail(`has ${file.path} not matching the sha256 in its manifest`);
        seen.add(file.path);
        sink?.done();
      });
    }

    input.pipe(gunzip);
  });
}
