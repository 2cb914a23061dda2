import type { Command } from 'commander';

export function registerTestBroker(program: Command) {
  program
    .command('test-broker')
    .description(
      'pre-flight check of a broker: connectivity, authentication, permissions, clock skew, market metadata, a validation order; PASS/WARN/FAIL per check',
    )
    .requiredOption('--broker <name>', 'paper, or a ccxt exchange id (binance, bybit, ...); credentials from <EXCHANGE>_API_KEY / <EXCHANGE>_API_SECRET')
    .option('--symbol <symbol>', 'market to check (paper: the simulated symbol)', 'BTC/USDT')
    .option('--testnet', "use the venue's sandbox")
    .option('--api-url <url>', 'send every request to this base URL (a proxy, a testnet, the local exchange-sim)')
    .option('--place-test-order', 'place and cancel a real limit order far from the market, minimum size (venues without a test-order endpoint)')
    .option('--timeout <ms>', 'per-request timeout in milliseconds', '10000')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .addHelpText('after', '\nExit status: 0 all checks passed (warnings allowed), 1 a check failed, 2 bad flags or missing credentials.\n')
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runTestBroker } = await import('../brokers/run-test-broker');
      await runTestBroker(opts, cmd);
    });
}
