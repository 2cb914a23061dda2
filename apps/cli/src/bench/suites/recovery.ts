import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defineSuite, latencyCase } from '@rustybt/bench';
import { resolveHome, type HomeLayout } from '@rustybt/ops';
import { createBackup, PaperRunner, resolveRunnerOptions, restoreArchive, verifyRestore } from '@rustybt/paper-runner';
import { cliBinPath } from '../cli-bin';
import { SMA_STRATEGY_SOURCE } from '../../strategies/sma-strategy-source';

const SESSION = 'big';
const BARS = 1_000_000;
const HEARTBEAT = '1s';
/** Pace of the runner while it is measured: one one-minute bar per wall millisecond. */
const LIVE_SPEED = '60000';

interface Fixture {
  dir: string;
  home: HomeLayout;
  strategyFile: string;
  archive: string;
}

const runnerOptions = (f: Pick<Fixture, 'home' | 'strategyFile'>, speed: string) =>
  resolveRunnerOptions({ strategy: f.strategyFile, data: 'replay:sim', speed, heartbeat: HEARTBEAT, session: SESSION }, { RUSTYBT_HOME: f.home.home });

/**
 * A session that has processed 1,000,000 bars through the real runner (state, fills, checkpoint),
 * built once per process and shared by the cases. Its replay window is twice as long, so the same
 * session can be resumed and keep trading while backups of it are measured.
 */
let fixture: Promise<Fixture> | undefined;
function sessionOfAMillionBars(): Promise<Fixture> {
  fixture ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rustybt-bench-recovery-'));
    // Shared by the cases, whichever of them run: removed when the process ends.
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const home = resolveHome({ RUSTYBT_HOME: join(dir, 'home') });
    const strategyFile = join(dir, 'sma.ts');
    writeFileSync(strategyFile, SMA_STRATEGY_SOURCE);
    const runner = await PaperRunner.start({ ...runnerOptions({ home, strategyFile }, 'max'), replaySimBars: 2 * BARS });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (runner.progress().bars < BARS) return;
        clearInterval(poll);
        resolve();
      }, 20);
    });
    await runner.stop('signal');
    // Its own folder: the backup case prunes its folder to one archive.
    const { archive } = await createBackup({ home, session: SESSION, outputDir: join(dir, 'fixture-backup') });
    return { dir, home, strategyFile, archive };
  })();
  return fixture;
}

/** `rustybt backup --session big` in its own process, as cron or the systemd timer runs it. */
function backupInChild(f: Fixture): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBinPath(), 'backup', '--session', SESSION, '--output', join(f.dir, 'backups-live'), '--keep', '1'], {
      env: { ...process.env, RUSTYBT_HOME: f.home.home },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`rustybt backup exited ${code}: ${err.trim()}`))));
  });
}

interface LiveRig {
  fixture: Fixture;
  runner: PaperRunner;
  lastBackupMs: number;
}

/** The longest the runner's event loop (which delivers bars and commits them) was held, in ns, while fn ran. */
async function worstStall(fn: () => Promise<void>): Promise<bigint> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  try {
    await fn();
  } finally {
    h.disable();
  }
  return BigInt(Math.round(h.max));
}

export default defineSuite({
  name: 'recovery',
  description:
    'backup and verify-restore of a 1,000,000-bar session database (seconds), and the runner bar-loop stall while a backup runs (goal: under one heartbeat)',
  cases: [
    latencyCase<Fixture>({
      name: 'backup of a 1,000,000-bar session (online snapshot + tar.gz)',
      unit: 'backups',
      setup: sessionOfAMillionBars,
      op: async (f) => void (await createBackup({ home: f.home, session: SESSION, outputDir: join(f.dir, 'backups'), keep: 1 })),
      // cp of the database alone: what a naive copy costs (and it is not consistent under a writer).
      reference: { name: 'copyFile of the state file', op: (f) => copyFileSync(join(f.home.state, `${SESSION}.db`), join(f.dir, 'naive-copy.db')) },
      samples: { full: 5, quick: 2 },
      warmup: { full: 1, quick: 0 },
      goals: ['median <= 30s'],
    }),
    latencyCase<Fixture>({
      name: 'verify-restore of that backup (restore + integrity + check-only start)',
      unit: 'verifications',
      setup: sessionOfAMillionBars,
      op: async (f) => {
        const report = await verifyRestore({ archive: f.archive, home: f.home });
        if (!report.ok) throw new Error(`verify-restore failed: ${report.problems.join('; ')}`);
      },
      reference: {
        name: 'restore alone into a fresh home',
        op: async (f) => {
          const target = mkdtempSync(join(f.dir, 'restore-'));
          await restoreArchive({ archive: f.archive, home: resolveHome({ RUSTYBT_HOME: target }) });
          rmSync(target, { recursive: true, force: true });
        },
      },
      samples: { full: 5, quick: 2 },
      warmup: { full: 1, quick: 0 },
      goals: ['median <= 300s'],
    }),
    latencyCase<LiveRig>({
      name: `runner bar-loop worst stall while rustybt backup copies its 1,000,000-bar session (heartbeat ${HEARTBEAT})`,
      unit: 'backups',
      setup: async () => {
        const f = await sessionOfAMillionBars();
        // The same session resumed and trading on, one bar per millisecond, while it is backed up.
        const runner = await PaperRunner.start(runnerOptions(f, LIVE_SPEED));
        return { fixture: f, runner, lastBackupMs: 1_000 };
      },
      op: async (r) => {
        const t0 = Date.now();
        const ns = await worstStall(() => backupInChild(r.fixture));
        r.lastBackupMs = Date.now() - t0;
        return ns;
      },
      // The same wait with no backup: the loop's own worst stall over as long as a backup takes.
      reference: { name: 'worst stall over as long with no backup', op: (r) => worstStall(() => new Promise((res) => setTimeout(res, r.lastBackupMs))) },
      teardown: async (r) => {
        const summary = await r.runner.stop('signal');
        if (summary.error) throw new Error(`the runner failed during the backups: ${summary.error}`);
      },
      samples: { full: 5, quick: 2 },
      warmup: { full: 1, quick: 0 },
      goals: ['max <= 1s'],
    }),
  ],
});
