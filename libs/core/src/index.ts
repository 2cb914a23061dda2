export * from './redact/index';
