// Test helpers (`@rustybt/data-providers/testing`): kept out of the main entry so production code cannot pull them in.
export { startYahooEmulator, type YahooEmulator, type YahooEmulatorOptions, type EmulatedQuote } from '../yahoo/yahoo-emulator';
