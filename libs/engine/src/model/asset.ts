/** A tradable instrument. `BTC/USDT` style symbols carry their quote currency; plain tickers do not. */
export interface Asset {
  symbol: string;
  base: string;
  quote?: string;
}

export function parseSymbol(symbol: string): Asset {
  const slash = symbol.indexOf('/');
  if (slash <= 0 || slash === symbol.length - 1) return { symbol, base: symbol };
  return { symbol, base: symbol.slice(0, slash), quote: symbol.slice(slash + 1) };
}
