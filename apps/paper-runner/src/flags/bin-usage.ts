import { flagsFor, helpOf, type FlagSpec } from './flag-table';

/** node:util parseArgs options of the runner bin, from the table. */
export function parseArgsOptions(): Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const f of flagsFor('runner'))
    options[f.name] = f.type === 'boolean' ? { type: 'boolean' } : f.type === 'list' ? { type: 'string', multiple: true } : { type: 'string' };
  options.help = { type: 'boolean', short: 'h' };
  return options;
}

const label = (f: FlagSpec) => `--${f.name}${f.value ? ` ${f.value}` : ''}`;

/** The runner bin's --help, from the table: every flag with its help, choices and default. */
export function usageOf(intro: string, outro: string): string {
  const flags = flagsFor('runner');
  const width = Math.max(...flags.map((f) => label(f).length)) + 2;
  const lines = flags.map((f) => {
    const extra = [f.choices ? `choices: ${f.choices.join(', ')}` : '', f.default !== undefined ? `default: ${f.default}` : ''].filter(Boolean).join('; ');
    return `  ${label(f).padEnd(width)}${helpOf(f, 'runner')}${extra ? ` (${extra})` : ''}`;
  });
  return [intro, '', 'Options:', ...lines, `  ${'-h, --help'.padEnd(width)}this text`, '', outro].join('\n');
}
