import { createInterface } from 'node:readline/promises';
import { CliError } from '../errors';

/** On a terminal, a person types the exchange name: a second, deliberate confirmation beyond --confirm. */
export async function confirmExchangeName(exchange: string, input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<void> {
  if (!input.isTTY) return;
  const rl = createInterface({ input, output: process.stderr });
  try {
    const answer = await rl.question(`Live trading places real orders at ${exchange}. Type the exchange name (${exchange}) to start: `);
    if (answer.trim().toLowerCase() !== exchange)
      throw new CliError(`confirmation '${answer.trim()}' does not match '${exchange}'. Nothing was started; run again and type ${exchange}`);
  } finally {
    rl.close();
  }
}
