import type { BackupFlags } from '../recovery/backup-flags';
import type { Command } from 'commander';

export function registerBackup(program: Command) {
  program
    .command('backup')
    .description('back up sessions (online, while their runners trade), config.yaml and the encrypted credential store into one .tar.gz; prints its path')
    .option('--session <name>', 'back up this session only')
    .option('--all', 'back up every session (the default)')
    .option('--output <dir>', 'folder for the archive (default: $RUSTYBT_HOME/backups)')
    .option('--keep <n>', 'keep only the newest N backups in that folder')
    .option('--include-logs', 'also back up the heartbeat logs')
    .option('--include-env', 'also back up plaintext secrets (config/.env, config/api-secret); the archive then needs their protection')
    .action(async (opts: BackupFlags, cmd: Command) => {
      const { runBackup } = await import('../recovery/run-backup');
      await runBackup(opts, cmd);
    });
}
