import { posix } from 'node:path';
import fc from 'fast-check';
import { InputError } from '@rustybt/ops';
import { describe, expect, it } from 'vitest';
import { parseManifest, unsafePathReason, type Manifest } from './manifest';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const sessionName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
const iso = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

/** Manifests as backup writes them: every session has its state file. */
const validManifest: fc.Arbitrary<Manifest> = fc.uniqueArray(sessionName, { maxLength: 4 }).chain((names) =>
  fc.record({
    format: fc.constant(1 as const),
    rustybtVersion: fc.constantFrom('0.1.0', '1.2.3-beta.1'),
    createdAt: iso,
    host: fc.string({ minLength: 1, maxLength: 30 }),
    files: fc.tuple(...names.map((n) => fc.record({ path: fc.constant(`state/${n}.db`), size: fc.nat(), sha256: hex64 }))).map((fs) => [...fs]),
    sessions: fc
      .tuple(
        ...names.map((name) =>
          fc.record({
            name: fc.constant(name),
            schemaVersion: fc.integer({ min: 1, max: 9 }),
            lastBarTime: fc.option(iso, { nil: null }),
            orders: fc.nat(),
            fills: fc.nat(),
            positions: fc.nat(),
          }),
        ),
      )
      .map((ss) => [...ss]),
  }),
);

function outcome(text: string): 'ok' | 'input-error' {
  try {
    parseManifest(text, 'a.tar.gz');
    return 'ok';
  } catch (err) {
    // Anything else (a TypeError, a stack) would be a crash of the parser on outside input.
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).not.toContain('\n');
    return 'input-error';
  }
}

describe('parseManifest (outside input)', () => {
  it('answers any text with a manifest or one InputError line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => void outcome(s)),
      { seed: 16, numRuns: 500 },
    );
  });

  it('answers any JSON value with a manifest or one InputError line', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => void outcome(JSON.stringify(v))),
      { seed: 17, numRuns: 500 },
    );
  });

  it('reads back every manifest backup writes, unchanged', () => {
    fc.assert(
      fc.property(validManifest, (m) => {
        expect(parseManifest(JSON.stringify(m), 'a.tar.gz')).toEqual(m);
      }),
      { seed: 18, numRuns: 300 },
    );
  });

  it('refuses a valid manifest once any field is mutated into garbage', () => {
    const garbage = fc.oneof(fc.constant(null), fc.string({ maxLength: 5 }), fc.integer({ min: -5, max: -1 }), fc.constant(1.5), fc.constant({}));
    const keys = fc.constantFrom('format', 'createdAt', 'files', 'sessions');
    fc.assert(
      fc.property(validManifest, keys, garbage, (m, key, value) => {
        expect(outcome(JSON.stringify({ ...m, [key]: value }))).toBe('input-error');
      }),
      { seed: 19, numRuns: 300 },
    );
  });

  it('refuses a file path made hostile in any way', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 20 }).map((s) => `/${s}`),
      fc.string({ maxLength: 20 }).map((s) => `state/../${s}`),
      fc.string({ maxLength: 20 }).map((s) => `../${s}`),
      fc.string({ maxLength: 20 }).map((s) => `state\\..\\${s}`),
      fc.string({ maxLength: 20 }).map((s) => `logs/${s}/x`),
      fc.string({ maxLength: 20 }).map((s) => `other/${s}`),
      fc.constantFrom('state/a.db-wal', 'state/a.db.lock', 'config/api-secret.bak', 'logs/.audit.json', 'state/.db', 'C:/x', 'state/a.db\u0000'),
    );
    fc.assert(
      fc.property(
        validManifest.filter((m) => m.files.length > 0),
        hostile,
        (m, path) => {
          const bad = { ...m, files: [{ ...m.files[0]!, path }, ...m.files.slice(1)] };
          expect(outcome(JSON.stringify(bad))).toBe('input-error');
        },
      ),
      { seed: 20, numRuns: 400 },
    );
  });
});

describe('unsafePathReason', () => {
  it('every path it accepts stays one level inside state/, config/ or logs/ of the home', () => {
    const home = '/home/u/.rustybt';
    const segment = fc.stringMatching(/^[A-Za-z0-9._\\/-]{0,12}$/);
    const candidate = fc
      .tuple(fc.constantFrom('state', 'config', 'logs', '..', '', '.', '/'), segment, fc.option(segment, { nil: undefined }))
      .map(([a, b, c]) => [a, b, c].filter((x) => x !== undefined).join('/'));
    fc.assert(
      fc.property(candidate, (p) => {
        if (unsafePathReason(p) !== undefined) return;
        const target = posix.resolve(home, p);
        const rel = posix.relative(home, target).split('/');
        expect(rel).toHaveLength(2);
        expect(['state', 'config', 'logs']).toContain(rel[0]);
        expect(rel.join('/')).toBe(p);
      }),
      { seed: 21, numRuns: 2000 },
    );
  });
});
