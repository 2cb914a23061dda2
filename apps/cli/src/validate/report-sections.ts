import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { PaperBroker } from '@rustybt/brokers';
import { auditFiles } from '@rustybt/docs-audit';
import type { ReportSection, ValidationResult } from '@rustybt/validate';
import { describeCosts } from '../backtest/report';
import { describeCommand } from '../cli-spec';
import { docFiles } from '../docs-audit/doc-files';
import type { ValidateSetup } from './setup';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function checksOf(result: ValidationResult, prefix: string): string[] {
  return result.validators.flatMap((v) =>
    v.checks.filter((c) => c.id.startsWith(prefix)).map((c) => `| \`${c.id}\` | ${c.status} | ${cell(c.subject ?? '')} | ${cell(c.detail)} |`),
  );
}

function brokers(s: ValidateSetup, result: ValidationResult): ReportSection {
  const paper = new PaperBroker(s.loaded.config.paper ?? {}).config;
  const rows = checksOf(result, 'execution.');
  const venue = s.venue
    ? `Venue: **${s.venue.exchange}**${s.venue.testnet ? ' (testnet)' : ''}${s.venue.apiUrl ? ` at ${s.venue.apiUrl}` : ''}.`
    : 'No venue configured: paper only.';
  const body = [`Paper broker: fills at the ${paper.fillAt === 'close' ? 'close' : 'next open'}, ${describeCosts(paper)}.`, '', venue];
  if (rows.length) body.push('', '| Check | Status | Subject | Detail |', '|---|---|---|---|', ...rows);
  return { heading: 'Brokers', body: body.join('\n') };
}

function data(s: ValidateSetup, result: ValidationResult): ReportSection {
  const rows = checksOf(result, 'strategy.calendar');
  const body = [`Market data: \`${s.data}\`, symbol \`${s.symbol}\`${s.session ? ` (session ${s.session.name})` : ' (no session: the sim market)'}.`];
  if (rows.length) body.push('', '| Check | Status | Subject | Detail |', '|---|---|---|---|', ...rows);
  return { heading: 'Data', body: body.join('\n') };
}

/** The static docs audit of the repository this CLI belongs to, against this very command tree. */
async function docsAudit(s: ValidateSetup, program: Command): Promise<ReportSection> {
  const root = s.lockfile ? dirname(s.lockfile) : undefined;
  if (!root || !existsSync(join(root, 'README.md')))
    return { heading: 'Docs audit', body: 'Not run: no documentation found beside this installation (run `rustybt docs-audit` in the repository).' };
  const files = docFiles(root, []);
  const report = await auditFiles(files, describeCommand(program), { cwd: root, programs: [] });
  const lines = [
    `\`rustybt docs-audit\` over ${report.files} files and ${report.invocations} documented command lines: ${report.findings.length === 0 ? 'every command and flag exists' : `${report.findings.length} findings`}.`,
  ];
  if (report.findings.length)
    lines.push(
      '',
      '| File | Line | Problem |',
      '|---|---|---|',
      ...report.findings.slice(0, 30).map((f) => `| ${cell(f.file)} | ${f.line} | ${cell(f.problem)} |`),
    );
  lines.push('', 'The console examples run with `rustybt docs-audit --run` (part of `npm test`).');
  return { heading: 'Docs audit', body: lines.join('\n') };
}

/** The sections of the validation report beyond the validators': brokers, data, docs audit. */
export async function reportSections(s: ValidateSetup, result: ValidationResult, program: Command): Promise<ReportSection[]> {
  return [brokers(s, result), data(s, result), await docsAudit(s, program)];
}
