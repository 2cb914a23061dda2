export * from './paper/index';
export * from './ccxt/index';
