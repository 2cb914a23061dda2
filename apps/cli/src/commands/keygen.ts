import type { Command } from 'commander';

export function registerKeygen(program: Command) {
  program
    .command('keygen')
    .description('generate the encryption key of the credential store (256 random bits, one line) or rotate the store to a new key')
    .option('--output <file>', 'write the key to a new file, mode 0600, instead of stdout (an existing file is never overwritten)')
    .option('--rotate', 're-encrypt $RUSTYBT_HOME/config/credentials.enc under a new key (the current one in $RUSTYBT_ENCRYPTION_KEY), in one atomic replace')
    .addHelpText('after', '\nThe key is printed once and never logged: keep it in a password manager or the service environment as RUSTYBT_ENCRYPTION_KEY.\n')
    .action(async (opts: { output?: string; rotate?: boolean }) => {
      const { runKeygen } = await import('../secrets/run-keygen');
      runKeygen(opts);
    });
}
