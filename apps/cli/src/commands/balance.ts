import type { Command } from 'commander';

export function registerBalance(program: Command) {
  program
    .command('balance')
    .description('balances (free / used / total) and positions of a venue account, via ccxt')
    .requiredOption('--broker <name>', 'a ccxt exchange id (binance, bybit, ...); credentials from <EXCHANGE>_API_KEY / <EXCHANGE>_API_SECRET')
    .option('--quote <asset>', 'asset positions are valued in', 'USDT')
    .option('--testnet', "use the venue's sandbox")
    .option('--api-url <url>', 'send every request to this base URL (a proxy, a testnet, the local exchange-sim)')
    .option('--timeout <ms>', 'per-request timeout in milliseconds', '10000')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runBalance } = await import('../brokers/run-balance');
      await runBalance(opts, cmd);
    });
}
