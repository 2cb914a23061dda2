import type { VerifyRestoreFlags } from '../recovery/verify-restore-flags';
import type { Command } from 'commander';

export function registerVerifyRestore(program: Command) {
  program
    .command('verify-restore')
    .description(
      'restore a backup into a temporary home, check it (integrity, counts, a check-only start) and measure RTO and RPO (exit 0 ok, 1 a check or target failed, 2 bad input)',
    )
    .argument('[archive]', 'a .tar.gz made by rustybt backup')
    .option('--latest', 'the newest backup in $RUSTYBT_HOME/backups')
    .option('--rto <duration>', 'recovery time objective: fail when restore + open take longer, e.g. 5m')
    .option('--rpo <duration>', 'recovery point objective: fail when the backup is older, or a live session is further ahead of it, e.g. 1m')
    .action(async (archive: string | undefined, opts: VerifyRestoreFlags, cmd: Command) => {
      const { runVerifyRestore } = await import('../recovery/run-verify-restore');
      await runVerifyRestore(archive, opts, cmd);
    });
}
