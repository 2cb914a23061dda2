import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { faultRuleSchema, simOptionsSchema, type SimOptionsInput } from './options';
import { startExchangeSim } from './server';

const USAGE = `usage: exchange-sim [--port N] [--host H] [--seed N] [--dialect binance|bybit|both]
                    [--api-key K --api-secret S | --accounts-file FILE] [--clock-offset-ms N]
                    [--fault JSON]... [--faults-file FILE]
Prints one JSON line {"url","port","dialect","seed"} on stdout once listening; stops on SIGINT/SIGTERM.`;

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string', default: '1' },
        dialect: { type: 'string', default: 'both' },
        'api-key': { type: 'string' },
        'api-secret': { type: 'string' },
        'clock-offset-ms': { type: 'string', default: '0' },
        fault: { type: 'string', multiple: true },
        'faults-file': { type: 'string' },
        'accounts-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    fail(`${e instanceof Error ? e.message : String(e)}. See the usage below`);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const int = (name: string, v: string) => {
    if (!/^-?\d+$/.test(v)) fail(`--${name} must be an integer, got "${v}". Pass a whole number`);
    return Number(v);
  };
  const faults: unknown[] = [];
  try {
    for (const f of args.fault ?? []) faults.push(JSON.parse(f));
    if (args['faults-file']) faults.push(...(JSON.parse(readFileSync(args['faults-file'], 'utf8')) as unknown[]));
  } catch (e) {
    fail(`could not read the fault rules (${e instanceof Error ? e.message : String(e)}). Give JSON such as '{"kind":"rate_limit","path":"/api/v3/order"}'`);
  }
  if ((args['api-key'] === undefined) !== (args['api-secret'] === undefined)) fail('--api-key and --api-secret go together. Pass both or neither');
  let accounts: unknown;
  if (args['accounts-file']) {
    try {
      accounts = JSON.parse(readFileSync(args['accounts-file'], 'utf8'));
    } catch (e) {
      fail(
        `could not read --accounts-file (${e instanceof Error ? e.message : String(e)}). Give a JSON array of {apiKey, secret, balances?, canTrade?, canWithdraw?}`,
      );
    }
  }
  const input: SimOptionsInput = {
    host: args.host,
    port: int('port', args.port),
    seed: int('seed', args.seed),
    dialect: args.dialect as 'both',
    clockOffsetMs: int('clock-offset-ms', args['clock-offset-ms']),
    faults: z.array(faultRuleSchema).parse(faults),
    ...(args['api-key'] ? { accounts: [{ apiKey: args['api-key'], secret: args['api-secret'] as string }] } : {}),
    ...(accounts !== undefined ? { accounts: accounts as SimOptionsInput['accounts'] } : {}),
  };
  const parsed = simOptionsSchema.safeParse(input);
  if (!parsed.success) fail(`${parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}. Fix the flag`);
  const sim = await startExchangeSim(parsed.data);
  process.stdout.write(`${JSON.stringify({ url: sim.url, port: sim.port, dialect: parsed.data.dialect, seed: parsed.data.seed })}\n`);
  process.stderr.write(
    `exchange-sim listening on ${sim.url} (Binance: ${sim.url}/api/v3, Bybit: ${sim.url}/v5); account key "${parsed.data.accounts[0]?.apiKey}"\n`,
  );
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}. Check the port is free and the flags are valid\n`);
  process.exit(1);
});
