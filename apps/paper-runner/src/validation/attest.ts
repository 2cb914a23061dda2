import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256OfFile, type Attestation } from '@rustybt/validate';
import type { LoadedRunnerConfig } from '../config/load-runner-config';

/**
 * package-lock.json of the repository or install this runs from, found by walking up from this
 * module (a dist chunk, or a source file in tests). Undefined when there is none (SKIP-safe).
 */
export function findLockfile(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'package-lock.json');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The config as attested: the file's bytes, or with no file the effective configuration as JSON. */
export function configSha256(loaded: LoadedRunnerConfig): string {
  if (loaded.configFile) return sha256OfFile(loaded.configFile)!;
  return createHash('sha256').update(JSON.stringify(loaded.config)).digest('hex');
}

/** What a validation result vouches for: this strategy, this config, this lockfile, this version. */
export function attestationFor(strategyFile: string, loaded: LoadedRunnerConfig, lockfile: string | undefined, version: string): Attestation {
  return { strategySha256: sha256OfFile(strategyFile), configSha256: configSha256(loaded), lockfileSha256: sha256OfFile(lockfile), rustybtVersion: version };
}
