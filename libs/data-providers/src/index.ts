export { openSource, type DataSource, type OpenSourceOptions } from './open-source';
export { parseSourceSpec, SOURCE_SPEC_HELP, type SourceSpec } from './spec';
export { DataInputError, CsvFormatError, SourceUnavailableError } from './errors';
export { readCsvBars, readCsvBatches, type CsvReadOptions } from './csv/read-csv';
export { formatCsv, csvHeader, csvRow, CSV_LAYOUTS, type CsvLayoutName } from './csv/format-csv';
export { GbmPath, SIM_DEFAULT_ANCHOR, type SimOptions } from './sim/gbm';
export { pacedStream, type Pacing } from './live/pace';
export { startYahooEmulator, type YahooEmulator, type YahooEmulatorOptions, type EmulatedQuote } from './yahoo/yahoo-emulator';
