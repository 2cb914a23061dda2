import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { GateError } from './gate-error';

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new GateError(`git ${args.join(' ')} failed: ${(r.stderr || r.error?.message || '').trim().split('\n')[0]}`);
  return r.stdout.trim();
}

export function repoRoot(cwd: string): string {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new GateError(`${cwd} is not inside a git work tree. Run ab-gate from the rustybt repository`);
  }
}

export function resolveCommit(root: string, rev: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    throw new GateError(`unknown git revision "${rev}". Pass a commit, branch or tag of this repository`);
  }
}

/**
 * Writes the files of a commit into `dir` with `git archive | tar -x`: no checkout, no worktree,
 * nothing in the repository or its working tree changes.
 */
export function exportCommit(root: string, commit: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync('git', ['archive', '--format=tar', commit], { cwd: root, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new GateError(`git archive ${commit} failed: ${archive.stderr.toString().trim()}`);
  const tar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (tar.status !== 0) throw new GateError(`unpacking ${commit} failed: ${tar.stderr.toString().trim()}`);
}
