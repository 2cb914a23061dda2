import { resolve } from 'node:path';
import type { Command } from 'commander';
import { restoreArchive, type RestoreResult } from '@rustybt/paper-runner';
import type { RestoreFlags } from './restore-flags';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';

export async function runRestore(archive: string, opts: RestoreFlags, cmd: Command): Promise<void> {
  const { layout } = loadEffectiveConfig(cmd);
  const result = await restoreArchive({
    archive: resolve(archive),
    home: layout,
    ...(opts.session !== undefined ? { session: opts.session } : {}),
    force: opts.force === true,
  });
  if (result.plaintext.length > 0)
    process.stderr.write(`note: restored plaintext secrets (${result.plaintext.join(', ')}) from an archive made with --include-env\n`);
  if (globalsOf(cmd).json) {
    const { manifest, ...rest } = result;
    process.stdout.write(`${JSON.stringify({ ...rest, createdAt: manifest.createdAt, host: manifest.host, home: layout.home }, null, 2)}\n`);
    return;
  }
  process.stdout.write(text(result, layout.home));
}

function text(r: RestoreResult, home: string): string {
  const lines = [
    `restored ${r.restored.length} ${r.restored.length === 1 ? 'file' : 'files'} into ${home} from a backup of ${r.manifest.host} at ${r.manifest.createdAt}`,
  ];
  for (const p of r.restored) lines.push(`  ${p}`);
  if (r.unchanged.length) lines.push(`unchanged (already as in the backup): ${r.unchanged.join(', ')}`);
  if (r.movedAside.length) lines.push(`kept the files it replaced as: ${r.movedAside.join(', ')}`);
  for (const s of r.manifest.sessions.filter((x) => r.sessions.includes(x.name))) {
    lines.push(
      `session ${s.name}: resumes after its last bar ${s.lastBarTime ?? '(none yet)'} when started again with its flags (a venue session reconciles with the venue first)`,
    );
  }
  return `${lines.join('\n')}\n`;
}
