import { createResultFile, runSuite, type MachineInfo, type ResultFile } from '../src/index';
import { syntheticSuite } from './synthetic';

export const machine: MachineInfo = {
  cpuModel: 'Test CPU',
  cores: 2,
  totalMemoryBytes: 8 * 1024 ** 3,
  nodeVersion: 'v20.20.2',
  platform: 'linux',
  arch: 'x64',
  commit: 'a'.repeat(40),
  loadAverage: [0.5, 0.5, 0.5],
};

/** One run of the synthetic suite, saved as a result file would be. */
export async function syntheticResult(options: { seed: number; load: number; slowdown?: number }): Promise<ResultFile> {
  const suite = await runSuite(syntheticSuite(options), { quick: true });
  return createResultFile([suite], { quick: true, machine, createdAt: new Date('2026-01-01T00:00:00Z') });
}
