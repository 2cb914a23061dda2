import { spawnSync } from 'node:child_process';

/** The repository holding `cwd`, or undefined outside one (or without git). */
export function gitRoot(cwd: string): string | undefined {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Paths git tracks under `cwd`, relative to it. */
export function trackedFiles(cwd: string): string[] {
  const r = spawnSync('git', ['ls-files', '-z'], { cwd, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  return r.status === 0 ? r.stdout.split('\0').filter(Boolean) : [];
}

/** True when git ignores the path (a .gitignore rule covers it). */
export function isIgnored(cwd: string, path: string): boolean {
  return spawnSync('git', ['check-ignore', '-q', '--no-index', path], { cwd, timeout: 10_000 }).status === 0;
}

export function isTracked(cwd: string, path: string): boolean {
  return spawnSync('git', ['ls-files', '--error-unmatch', path], { cwd, timeout: 10_000, stdio: 'ignore' }).status === 0;
}
