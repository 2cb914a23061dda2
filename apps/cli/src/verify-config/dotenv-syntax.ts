import { readFileSync } from 'node:fs';
import { fail, pass, type ConfigCheck } from './check';

const ASSIGNMENT = /^(export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/;

/**
 * A .env line by line: blank, `# comment`, or `NAME=value` (optionally `export `), a quoted value
 * closed (a double- or single-quoted value may span lines, as dotenv allows). Problems are named by
 * line; values are never quoted back, they are likely secrets.
 */
export function dotenvProblems(text: string): { line: number; problem: string }[] {
  const problems: { line: number; problem: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!ASSIGNMENT.test(line)) {
      problems.push({ line: i + 1, problem: line.includes('=') ? 'the variable name is not NAME (letters, digits, _)' : 'not a NAME=value line' });
      continue;
    }
    const value = line.slice(line.indexOf('=') + 1).trim();
    const quote = value[0];
    if (quote !== '"' && quote !== "'" && quote !== '`') continue;
    if (value.length > 1 && value.indexOf(quote, 1) > 0) continue;
    const close = lines.findIndex((l, j) => j > i && l.includes(quote));
    if (close < 0) {
      problems.push({ line: i + 1, problem: `the ${quote} quote is never closed` });
      break;
    }
    i = close;
  }
  return problems;
}

export function dotenvCheck(path: string): ConfigCheck {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return fail('dotenv.syntax', '.env syntax', `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'Check that you own the file', path);
  }
  const problems = dotenvProblems(text);
  if (problems.length === 0) return pass('dotenv.syntax', '.env syntax', `${text.split('\n').filter((l) => ASSIGNMENT.test(l.trim())).length} variables`, path);
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return fail('dotenv.syntax', '.env syntax', `${first.problem}${more}`, 'Write one NAME=value per line; quote values with spaces', `${path}:${first.line}`);
}
