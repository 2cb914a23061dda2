import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bar } from '@rustybt/engine';

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'rustybt-data-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export async function collectBatches(batches: AsyncIterable<Bar[]>): Promise<Bar[]> {
  const out: Bar[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}
