import type { RestoreFlags } from '../recovery/restore-flags';
import type { Command } from 'commander';

export function registerRestore(program: Command) {
  program
    .command('restore')
    .description('restore a backup archive into RUSTYBT_HOME: verified whole before a byte is written; refused while a runner holds the session')
    .argument('<archive>', 'a .tar.gz made by rustybt backup')
    .option('--session <name>', "restore this session's state file only")
    .option('--force', 'replace files that exist (they are kept as <file>.pre-restore-<time>)')
    .action(async (archive: string, opts: RestoreFlags, cmd: Command) => {
      const { runRestore } = await import('../recovery/run-restore');
      await runRestore(archive, opts, cmd);
    });
}
