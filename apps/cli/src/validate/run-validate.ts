import type { Command } from 'commander';
import {
  exitCodeOf,
  readCriteriaFile,
  renderChecklistMarkdown,
  renderConsole,
  renderCriteriaYaml,
  renderJson,
  runValidation,
  type Mode,
  type ValidationResult,
} from '@rustybt/validate';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { version } from '../version';
import { attestationFor, saveLatestResult } from '@rustybt/paper-runner/validation';
import { notifySummary } from './notify';
import { outputKind, writeReport } from './outputs';
import { ValidateProgress } from './progress';
import { resolveSetup, type SetupFlags } from './resolve-setup';
import type { ValidateSetup } from './setup';
import { allValidators } from './validators/index';

export interface ValidateFlags extends SetupFlags {
  mode: Mode;
  criteria?: string;
  only?: string;
  skip?: string;
  output?: string;
  notify?: boolean;
  checklist?: boolean;
}

const ids = (list: string | undefined): string[] =>
  (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `rustybt validate criteria`: the built-in criteria as a commented YAML file. */
export function printCriteria(): void {
  process.stdout.write(renderCriteriaYaml());
}

/** `rustybt validate`: runs the validators of the mode and reports; exit 0 ready (with caveats), 1 not ready, 2 bad input. */
export async function runValidate(flags: ValidateFlags, cmd: Command): Promise<void> {
  const { json } = globalsOf(cmd);
  if (json && flags.checklist) throw new CliError('--json and --checklist both print to stdout. Choose one (write the other with --output)');
  if (flags.output) outputKind(flags.output);
  const criteria = flags.criteria ? readCriteriaFile(flags.criteria) : undefined;
  const loaded = loadEffectiveConfig(cmd);
  const setup = resolveSetup(flags, loaded, version);
  const only = ids(flags.only);
  const skip = ids(flags.skip);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = new ValidateProgress(process.stderr, process.stderr.isTTY === true);
  let result: ValidationResult;
  try {
    result = await runValidation({
      validators: allValidators(setup),
      mode: flags.mode,
      ...(criteria ? { criteria } : {}),
      only,
      skip,
      attestation: attestationFor(setup.strategyFile, loaded, setup.lockfile, version),
      signal: controller.signal,
      onEvent: progress.onEvent,
    });
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  await report(result, flags, setup, cmd, json);
  process.exitCode = exitCodeOf(result.verdict);
}

async function report(result: ValidationResult, flags: ValidateFlags, setup: ValidateSetup, cmd: Command, json: boolean): Promise<void> {
  if (flags.output) await writeReport(flags.output, result, setup, cmd.parent ?? cmd);
  // Only a whole run of a mode that checks risk and venues stands for the go-live gate.
  const complete = !flags.only && !flags.skip && flags.mode !== 'quick';
  const saved = complete ? saveLatestResult(setup.layout, result) : undefined;
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  if (json) process.stdout.write(renderJson(result));
  else if (flags.checklist) process.stdout.write(renderChecklistMarkdown(result));
  else process.stdout.write(renderConsole(result, { color }));
  if (flags.output) process.stderr.write(`report written to ${flags.output}\n`);
  if (saved) process.stderr.write(`result saved to ${saved} (the go-live gate of live-trade --require-validation reads it)\n`);
  if (flags.notify) for (const line of await notifySummary(setup, result)) process.stderr.write(`${line}\n`);
}
