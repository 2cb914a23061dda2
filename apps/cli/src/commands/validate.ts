import { type Command, Option } from 'commander';

export function registerValidate(program: Command) {
  const validate = program
    .command('validate')
    .description(
      'production readiness: run the validators of a mode (strategy, risk, execution, databases, monitoring, security, audit trail, performance, backups, paper trading) and report a verdict',
    )
    .addOption(
      new Option('--mode <mode>', 'which validators and thresholds: quick (smoke, strategy, security; under a minute), standard, thorough')
        .choices(['quick', 'standard', 'thorough'])
        .default('standard'),
    )
    .option('--criteria <file>', "criteria YAML over the built-in defaults (print them with 'rustybt validate criteria')")
    .option('--only <ids>', 'run only these validators (comma-separated ids, e.g. risk,security)')
    .option('--skip <ids>', 'leave these validators out (comma-separated ids)')
    .option('--session <name>', 'the paper session under validation: its strategy, parameters, logs and state')
    .option('--strategy <file>', "strategy file (default: the session's, else examples/sma-crossover.ts)")
    .option('--broker <id>', "venue for the execution checks: a ccxt exchange id (default: the session's broker; paper skips them)")
    .option('--testnet', "venue checks against the venue's sandbox")
    .option('--api-url <url>', 'venue checks against this base URL (a proxy, a testnet, the local exchange-sim)')
    .option('--output <file>', 'write the report: .html (self-contained, with charts), .md (the validation report) or .json')
    .option('--notify', 'send the summary through the alert channels of config.yaml')
    .option('--checklist', 'print the production checklist with each item filled in from this run')
    .addHelpText(
      'after',
      '\nExit status: 0 ready or ready with caveats, 1 not ready, 2 bad input.\nA complete standard or thorough run is saved to $RUSTYBT_HOME/state/validation/latest.json for live-trade --require-validation.\n',
    )
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runValidate } = await import('../validate/run-validate');
      await runValidate(opts as unknown as Parameters<typeof runValidate>[0], cmd);
    });
  validate
    .command('criteria')
    .description('print the built-in criteria (thresholds, modes, timeouts) as a commented YAML file')
    .action(async () => {
      const { printCriteria } = await import('../validate/run-validate');
      printCriteria();
    });
}
