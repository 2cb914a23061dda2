import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSuite, spawnCase } from '../src/index';
import { suite } from './child-fixture';

const jiti = fileURLToPath(new URL('../../../node_modules/jiti/lib/jiti-cli.mjs', import.meta.url));
const fixture = fileURLToPath(new URL('./child-fixture.ts', import.meta.url));

describe('isolated cases', () => {
  it("run in a child process and report that process's own peak RSS", async () => {
    const result = await runSuite(suite, {
      quick: true,
      runIsolated: (_suite, kase) => spawnCase(process.execPath, [jiti, fixture, 'run-case', kase.name]),
    });
    const c = result.cases[0]!;
    expect(c.rssScope).toBe('child');
    expect(c.peakRssBytes).toBeGreaterThan(64 * 1024 * 1024);
    expect(c.case.statsNs.n).toBe(1);
  });

  it('reports a child that fails with its last error line', async () => {
    await expect(spawnCase(process.execPath, [jiti, fixture, 'run-case', 'no such case'])).rejects.toThrow(
      /isolated case process failed \(.*has no case "no such case"/,
    );
  });
});
