import { describe, expect, it } from 'vitest';
import { CliError, exitCodeOf, formatError } from './errors';

describe('error reporting', () => {
  it('uses the exit code an error carries, else 1', () => {
    expect(exitCodeOf(new CliError('bad flag'))).toBe(2);
    expect(exitCodeOf(Object.assign(new Error('x'), { exitCode: 2 }))).toBe(2);
    expect(exitCodeOf(new Error('boom'))).toBe(1);
    expect(exitCodeOf('string')).toBe(1);
  });

  it('formats one line, and adds the stack only in debug', () => {
    expect(formatError(new CliError('no such file x. Check the path'), false)).toBe('error: no such file x. Check the path');
    expect(formatError(new Error('multi\nline'), false)).toBe('error: multi line. Run again with --debug for details');
    expect(formatError(new Error('boom'), true).split('\n').length).toBeGreaterThan(1);
  });

  it('does not ask for --debug when --debug is on', () => {
    expect(formatError(new Error('boom'), true)).not.toContain('Run again with --debug');
    expect(formatError(new Error('boom'), true).split('\n')[0]).toBe('error: boom');
  });
});
