import type { CommandSpec, OptionSpec } from './cli-spec-schema';
import type { Invocation } from './extract';

export interface Finding {
  file: string;
  line: number;
  text: string;
  problem: string;
}

const ALWAYS_VALID = new Set(['--help', '-h']);

/** A documented value we cannot check: `<file>`, `N`, `URL`, `key=value`, `...`. */
const isPlaceholder = (value: string) => /^<.*>$/.test(value) || /^[A-Z][A-Z0-9_]*$/.test(value) || value.includes('...') || /^[a-z]+=[a-z]+$/i.test(value);

/** Strips synopsis decoration: `[--from` -> `--from`, `D]` -> `D`. */
const clean = (token: string) => token.replace(/^\[+/, '').replace(/\]+$/, '');

/** Checks one documented command line against the CLI's command tree. */
export function checkInvocation(inv: Invocation, root: CommandSpec): Finding[] {
  const findings: Finding[] = [];
  const report = (problem: string) => findings.push({ file: inv.file, line: inv.line, text: inv.text, problem });
  const chain: CommandSpec[] = [root];
  let cmd = root;
  let positionals = 0;
  const tokens = inv.args.map(clean).filter((t) => t !== '' && t !== '|' && t !== '...');

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.startsWith('-') && token.length > 1 && !/^-\d/.test(token)) {
      const [name, inline] = splitInline(token);
      if (ALWAYS_VALID.has(name)) continue;
      const option = findOption(chain, name);
      if (!option) {
        report(`unknown option '${name}' for '${cmd.path}'`);
        // Its value, if it had one, is not a separate mistake.
        if (inline === undefined && i + 1 < tokens.length && !tokens[i + 1]!.startsWith('-')) i++;
        continue;
      }
      if (!option.takesValue) continue;
      const values: string[] = [];
      if (inline !== undefined) values.push(inline);
      else if (i + 1 < tokens.length) values.push(tokens[++i]!);
      if (option.variadic) while (i + 1 < tokens.length && !tokens[i + 1]!.startsWith('-')) values.push(tokens[++i]!);
      for (const value of values) checkChoices(value, option.choices, `option '${name}'`, report);
      continue;
    }
    if (isPlaceholder(token) && positionals === 0 && cmd.commands.length > 0) {
      return findings; // `rustybt <command> --help`: which command is not knowable.
    }
    const sub = positionals === 0 ? cmd.commands.find((c) => c.name === token || c.aliases.includes(token)) : undefined;
    if (sub) {
      cmd = sub;
      chain.push(sub);
      continue;
    }
    if (token === 'help' && cmd.commands.length > 0 && positionals === 0) continue;
    const argument = cmd.arguments[Math.min(positionals, cmd.arguments.length - 1)];
    if (!argument || (positionals >= cmd.arguments.length && !argument.variadic)) {
      report(
        cmd.commands.length > 0 && positionals === 0 ? `unknown command '${token}' for '${cmd.path}'` : `unexpected argument '${token}' for '${cmd.path}'`,
      );
      continue;
    }
    checkChoices(token, argument.choices, `argument '${argument.name}'`, report);
    positionals++;
  }
  return findings;
}

function splitInline(token: string): [string, string | undefined] {
  const eq = token.indexOf('=');
  return eq > 0 && token.startsWith('--') ? [token.slice(0, eq), token.slice(eq + 1)] : [token, undefined];
}

function findOption(chain: CommandSpec[], name: string): OptionSpec | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const option = chain[i]!.options.find((o) => o.long === name || o.short === name);
    if (option) return option;
  }
  return undefined;
}

/** `INFO` looks like a placeholder, but where `info` is a choice it is a wrong spelling of one (choices are case-sensitive). */
const miscased = (value: string, choices: readonly string[]) => !choices.includes(value) && choices.includes(value.toLowerCase());

function checkChoices(value: string, choices: readonly string[] | undefined, what: string, report: (p: string) => void) {
  if (!choices || (isPlaceholder(value) && !miscased(value, choices))) return;
  for (const alternative of value.split('|')) {
    if (alternative !== '' && (!isPlaceholder(alternative) || miscased(alternative, choices)) && !choices.includes(alternative)) {
      report(`${what} does not accept '${alternative}' (choices: ${choices.join(', ')})`);
    }
  }
}
