import { engineSnapshotSchema } from '@rustybt/engine';
import { metaFromRecord } from '../runner/session-meta';
import { StateStore } from '../state/store';

export interface StartCheck {
  /** Strategy, broker, data and symbol of the session, as the runner would check them on resume. */
  identity: { strategy: string; broker: string; data: string; symbol: string } | null;
  barsProcessed: number;
  /** ISO time of the bar the runner would resume after; null for a session that would start afresh. */
  resumeAfter: string | null;
  problems: string[];
}

/**
 * A check-only start: opens the state file as the runner does (the session lock, the quick check,
 * the schema migration) and reads what it reads before trading (meta, checkpoint, the engine
 * snapshot through the engine's own schema), but builds no engine, feed or broker.
 */
export function checkStart(stateFile: string): StartCheck {
  const store = StateStore.open(stateFile, { exclusive: true });
  try {
    const problems: string[] = [];
    const meta = metaFromRecord(store.meta());
    if (!meta) problems.push('no session identity (meta) recorded: the runner would start it as a new session');
    const checkpoint = store.checkpoint();
    let resumeAfter: string | null = null;
    let barsProcessed = 0;
    if (checkpoint) {
      const parsed = engineSnapshotSchema.safeParse(safeJson(checkpoint.engine_snapshot));
      if (!parsed.success)
        problems.push(`the engine snapshot does not parse (${parsed.error.issues[0]?.message ?? 'bad JSON'}): the runner would refuse to resume`);
      else if (parsed.data.lastBarTime !== checkpoint.last_bar_time && !(parsed.data.lastBarTime === null && checkpoint.last_bar_time === 0)) {
        problems.push(`the engine snapshot's last bar (${parsed.data.lastBarTime}) differs from the checkpoint's (${checkpoint.last_bar_time})`);
      }
      barsProcessed = checkpoint.bars_processed;
      resumeAfter = checkpoint.last_bar_time ? new Date(checkpoint.last_bar_time).toISOString() : null;
    }
    const identity = meta ? { strategy: meta.strategy, broker: meta.broker, data: meta.data, symbol: meta.symbol } : null;
    return { identity, barsProcessed, resumeAfter, problems };
  } finally {
    store.close();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
