import { InputError } from '@rustybt/ops';
import { z } from 'zod';
import { SESSION_NAME } from '../state/session-name';

/** The first entry of every archive. */
export const MANIFEST_PATH = 'manifest.json';
/** A manifest larger than this is not one of ours. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** No single file of a backup is larger than this (a session database of years of fills is far smaller). */
export const MAX_FILE_BYTES = 64 * 1024 ** 3;
/** Folders an archive may write into, relative to RUSTYBT_HOME. */
export const ARCHIVE_ROOTS = ['state', 'config', 'logs'] as const;

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const SESSION_FILE = new RegExp(`^(?:${SESSION_NAME.source.slice(1, -1)})\\.db$`);
/** The config files a backup may carry: the config, the encrypted credential store and (asked for) plaintext secrets. */
export const CONFIG_FILES = ['config.yaml', 'credentials.enc'] as const;
export const PLAINTEXT_SECRET_FILES = ['.env', 'api-secret'] as const;
const KNOWN_CONFIG: readonly string[] = [...CONFIG_FILES, ...PLAINTEXT_SECRET_FILES];

/**
 * Why a path may not be written under RUSTYBT_HOME, or undefined when it may: relative, '/'-separated,
 * one level below state/, config/ or logs/, no '..', no backslash, no control character; and only the
 * kinds of file a backup makes: `state/<session>.db`, the known config files, visible log files.
 * Restore refuses an archive that names any other path.
 */
export function unsafePathReason(path: string): string | undefined {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'an absolute path';
  if (path.includes('\\')) return 'a backslash in the path';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'a control character in the path';
  const segments = path.split('/');
  if (segments.includes('..')) return "a '..' in the path";
  const [root, name, ...deeper] = segments;
  if (!(ARCHIVE_ROOTS as readonly string[]).includes(root!)) return `a path outside ${ARCHIVE_ROOTS.map((r) => `${r}/`).join(', ')}`;
  if (name === undefined || deeper.length > 0) return 'a path that is not one level below its folder';
  if (root === 'state' && !SESSION_FILE.test(name)) return 'a state file that is not <session>.db';
  if (root === 'config' && !KNOWN_CONFIG.includes(name)) return 'a config file a backup does not carry';
  if (root === 'logs' && !SEGMENT.test(name)) return 'an unusual log file name';
  return undefined;
}

const archivePath = z
  .string()
  .max(512)
  .superRefine((p, ctx) => {
    const reason = unsafePathReason(p);
    if (reason) ctx.addIssue({ code: 'custom', message: `${reason}: '${p}'` });
  });

export const manifestFileSchema = z.strictObject({
  path: archivePath,
  size: z.number().int().min(0).max(MAX_FILE_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits'),
});

export const manifestSessionSchema = z.strictObject({
  name: z.string().regex(SESSION_NAME, 'not a session name'),
  schemaVersion: z.number().int().min(1),
  /** ISO 8601 UTC of the last committed bar; null for a session that has not processed a bar. */
  lastBarTime: z.iso.datetime().nullable(),
  orders: z.number().int().min(0),
  fills: z.number().int().min(0),
  positions: z.number().int().min(0),
});

export const manifestSchema = z
  .strictObject({
    format: z.literal(1),
    rustybtVersion: z.string().regex(/^[0-9A-Za-z.+-]{1,64}$/, 'not a version'),
    createdAt: z.iso.datetime(),
    // eslint-disable-next-line no-control-regex
    host: z.string().regex(/^[^\u0000-\u001f\u007f]{1,255}$/, 'not a host name'),
    files: z.array(manifestFileSchema).max(100_000),
    sessions: z.array(manifestSessionSchema).max(10_000),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    for (const f of m.files) {
      if (seen.has(f.path)) ctx.addIssue({ code: 'custom', path: ['files'], message: `'${f.path}' is listed twice` });
      seen.add(f.path);
    }
    const names = new Set<string>();
    for (const s of m.sessions) {
      if (names.has(s.name)) ctx.addIssue({ code: 'custom', path: ['sessions'], message: `session '${s.name}' is listed twice` });
      names.add(s.name);
      if (!seen.has(sessionFilePath(s.name)))
        ctx.addIssue({ code: 'custom', path: ['sessions'], message: `session '${s.name}' has no file ${sessionFilePath(s.name)}` });
    }
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type ManifestSession = z.infer<typeof manifestSessionSchema>;

/** Where a session's database lives in an archive (and under RUSTYBT_HOME). */
export const sessionFilePath = (name: string) => `state/${name}.db`;

/** The manifest from the archive's first entry; anything else is an InputError (exit 2) naming the problem. */
export function parseManifest(text: string, archive: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${archive} has a manifest.json that is not JSON. It is not a rustybt backup, or it is damaged`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new InputError(
      `${archive} has a bad manifest${where}: ${issue.message.replace(/\s*\n\s*/g, ' ')}. It is not a rustybt backup of a format this version reads, or it is damaged`,
    );
  }
  return parsed.data;
}
