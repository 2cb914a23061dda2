import { PaperRunner, resolveRunnerOptions } from '@rustybt/paper-runner';
import { SMA_EXAMPLE } from '../../src/validate/testing/temp-setup';

/** A real paper session of the example strategy in `home`, replaying `bars` sim bars flat out. */
export async function startSession(home: string, session: string, bars: number): Promise<PaperRunner> {
  const env = { ...process.env, RUSTYBT_HOME: home };
  const options = resolveRunnerOptions(
    { strategy: SMA_EXAMPLE, data: 'replay:sim', speed: 'max', session, heartbeat: '100ms', port: '0', param: ['fast=3', 'slow=6'] },
    env,
    home,
  );
  return PaperRunner.start({ ...options, replaySimBars: bars });
}

/** Runs a session to the end of its replay. */
export async function runSession(home: string, session: string, bars = 3000): Promise<void> {
  const runner = await startSession(home, session, bars);
  await runner.finished;
}
