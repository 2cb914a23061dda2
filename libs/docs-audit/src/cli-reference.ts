import type { ArgumentSpec, CommandSpec, OptionSpec } from './cli-spec-schema';

export interface ReferenceOptions {
  /** The command that regenerates the file, named in its header. */
  regenerate: string;
}

/**
 * The markdown reference of a CLI: every visible command with its arguments and options, each
 * option's default and choices. Same spec, same text, so a stale copy is a plain string compare.
 */
export function renderCliReference(spec: CommandSpec, options: ReferenceOptions): string {
  const visible = (c: CommandSpec) => c.commands.filter((sub) => !sub.hidden);
  const all: { cmd: CommandSpec; depth: number }[] = [];
  const collect = (cmd: CommandSpec, depth: number) => {
    for (const sub of visible(cmd)) {
      all.push({ cmd: sub, depth });
      collect(sub, depth + 1);
    }
  };
  collect(spec, 0);
  const out = [
    `# \`${spec.name}\` command reference`,
    '',
    `Generated from \`${spec.name} cli-spec\` by \`${options.regenerate}\`; do not edit by hand (a test fails when this`,
    'file and the CLI disagree). Every command also takes `-h, --help`.',
    '',
    cell(spec.description),
    '',
    '## Global options',
    '',
    `They apply to every command and go before it, e.g. \`${spec.name} --json ${all[0]?.cmd.name ?? '<command>'}\`.`,
    '',
    ...optionTable(spec.options),
    '## Commands',
    '',
    ...all.map(({ cmd, depth }) => `${'  '.repeat(depth)}- [\`${cmd.path}\`](#${anchor(cmd.path)}): ${cell(cmd.description)}`),
    '',
  ];
  for (const { cmd, depth } of all) out.push(...commandSection(cmd, depth));
  return `${out.join('\n').trimEnd()}\n`;
}

function commandSection(cmd: CommandSpec, depth: number): string[] {
  const out = [`${'#'.repeat(Math.min(2 + depth, 4))} \`${cmd.path}\``, '', cell(cmd.description), '', `\`${synopsis(cmd)}\``, ''];
  if (cmd.aliases.length > 0) out.push(`Aliases: ${cmd.aliases.map(code).join(', ')}.`, '');
  const subs = cmd.commands.filter((s) => !s.hidden);
  if (subs.length > 0) out.push(`Subcommands: ${subs.map((s) => `[\`${s.name}\`](#${anchor(s.path)})`).join(', ')}.`, '');
  if (cmd.arguments.length > 0) {
    out.push('| argument | required | choices | meaning |', '|---|---|---|---|');
    for (const a of cmd.arguments) out.push(`| ${code(argumentWord(a))} | ${a.required ? 'yes' : 'no'} | ${choices(a.choices)} | ${cell(a.description)} |`);
    out.push('');
  }
  if (cmd.options.length > 0) out.push(...optionTable(cmd.options));
  return out;
}

function optionTable(options: readonly OptionSpec[]): string[] {
  if (options.length === 0) return [];
  const rows = options.map((o) => `| ${code(o.flags)} | ${defaultOf(o)} | ${choices(o.choices)} | ${cell(o.description)} |`);
  return ['| option | default | choices | meaning |', '|---|---|---|---|', ...rows, ''];
}

/** `rustybt test-data --source <spec>`: the command, its required options and its arguments. */
function synopsis(cmd: CommandSpec): string {
  const words = [cmd.path];
  for (const o of cmd.options) if (o.required && o.long) words.push(o.long, ...o.flags.split(/[\s,]+/).filter((w) => /^[<[]/.test(w)));
  for (const a of cmd.arguments) words.push(argumentWord(a));
  return words.join(' ');
}

const argumentWord = (a: ArgumentSpec) => {
  const name = `${a.name}${a.variadic ? '...' : ''}`;
  return a.required ? `<${name}>` : `[${name}]`;
};

function defaultOf(o: OptionSpec): string {
  if (o.required) return 'required';
  const none = o.default === undefined || (o.default === false && !o.takesValue) || (Array.isArray(o.default) && o.default.length === 0);
  if (none) return '';
  return code(typeof o.default === 'string' ? o.default : JSON.stringify(o.default));
}

const choices = (list: readonly string[] | undefined) => (list ? list.map(code).join(' ') : '');

/** Text on one line with its table pipes escaped: what a code span in a table cell needs. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

/** Prose on one line where `<EXCHANGE>` stays text (not an HTML tag) and `*` or a backtick stays itself. */
const cell = (text: string) => oneLine(text).replace(/[<*`]/g, (c) => `\\${c}`);

/** Inline code that survives backticks and table pipes in the value. */
function code(text: string): string {
  const value = oneLine(text);
  return value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``;
}

/** GitHub's heading anchor for a heading that is just `path` in code. */
const anchor = (path: string) =>
  path
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
