import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import type { MachineInfo } from './result-schema';

/** The git commit of `cwd`, or null when it is not a git work tree (or git is missing). */
export function gitCommit(cwd: string = process.cwd()): string | null {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const sha = r.status === 0 ? r.stdout.trim() : '';
  return /^[0-9a-f]{40}$/.test(sha) ? sha : null;
}

/** What a result was measured on, so that results from different machines are not compared unknowingly. */
export function machineInfo(options: { commit?: string | null; cwd?: string } = {}): MachineInfo {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: Math.max(1, cpu.length),
    totalMemoryBytes: totalmem(),
    nodeVersion: process.version,
    platform: process.platform,
    arch: process.arch,
    commit: options.commit !== undefined ? options.commit : gitCommit(options.cwd),
    loadAverage: loadavg(),
  };
}
