import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirmExchangeName } from './confirm-exchange';

function terminal(answer: string) {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  setImmediate(() => input.write(`${answer}\n`));
  return input;
}

describe('confirmExchangeName', () => {
  it('goes on when the typed name matches (case and spaces aside)', async () => {
    await expect(confirmExchangeName('binance', terminal('  Binance '))).resolves.toBeUndefined();
  });

  it('refuses with an input error when it does not', async () => {
    await expect(confirmExchangeName('binance', terminal('bybit'))).rejects.toMatchObject({
      exitCode: 2,
      message: "confirmation 'bybit' does not match 'binance'. Nothing was started; run again and type binance",
    });
  });

  it('asks nothing when no terminal is attached (--confirm is the confirmation)', async () => {
    await expect(confirmExchangeName('binance', new PassThrough())).resolves.toBeUndefined();
  });
});
