import { expect, it } from 'vitest';
import { checkInvocation } from './check';
import { renderCliReference } from './cli-reference';
import { extractInvocations } from './extract';
import { option, spec } from './test-spec';

const withExtras = {
  ...spec,
  commands: [
    ...spec.commands.map((c) =>
      c.name === 'backtest'
        ? {
            ...c,
            description: 'run a | b with <KEY>',
            options: [option('--strategy <file>', { required: true }), ...c.options, option('--capital <n>', { default: '100000' })],
          }
        : c,
    ),
    { name: 'cli-spec', path: 'rustybt cli-spec', description: 'print the spec', aliases: [], hidden: true, options: [], arguments: [], commands: [] },
  ],
};
const text = renderCliReference(withExtras, { regenerate: 'npm run docs:cli' });

it('lists every visible command with its synopsis, options, defaults and choices', () => {
  expect(text).toContain('Generated from `rustybt cli-spec` by `npm run docs:cli`');
  expect(text).toContain('- [`rustybt benchmark`](#rustybt-benchmark): ');
  expect(text).toContain('  - [`rustybt benchmark compare`](#rustybt-benchmark-compare): ');
  expect(text).toContain('## `rustybt backtest`\n\nrun a \\| b with \\<KEY>\n\n`rustybt backtest --strategy <file>`\n');
  expect(text).toContain('| `--strategy <file>` | required |  |  |');
  expect(text).toContain('| `--fill-at <model>` |  | `next-open` `close` |  |');
  expect(text).toContain('| `--capital <n>` | `100000` |  |  |');
  expect(text).toContain('### `rustybt benchmark compare`\n\n\n\n`rustybt benchmark compare <base> <head>`');
  expect(text).toContain('| `<base>` | yes |  |  |');
  expect(text).not.toContain('print the spec'); // hidden
  expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
});

it('is the same text for the same spec, and passes its own audit', () => {
  expect(renderCliReference(withExtras, { regenerate: 'npm run docs:cli' })).toBe(text);
  const findings = extractInvocations('cli.md', text).flatMap((inv) => checkInvocation(inv, withExtras));
  expect(findings).toEqual([]);
});
