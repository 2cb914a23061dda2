import { createHash } from 'node:crypto';
import type { Alert } from '../alert';
import { spokenDuration } from '../config/spoken-duration';
import type { Severity } from '../config/schema';

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
const SHOWN_REASONS = 5;
const LISTED_IDS = 20;

/** `order_rejected` -> `orders rejected`; an event that is not `<noun>_<verb>ed` reads `<event> alerts`. */
export function eventWords(event: string): string {
  const m = /^([a-z]+)_([a-z]+ed)$/.exec(event);
  return m ? `${m[1]}s ${m[2]}` : `${event.replace(/_/g, ' ')} alerts`;
}

/** What a member says, for counting: its `reason` detail, else its summary. */
function reasonOf(a: Alert): string {
  const r = a.details.reason;
  return typeof r === 'string' && r.trim() !== '' ? r.trim() : a.summary;
}

/**
 * One message standing for a flood: `37 orders rejected in 5 min: insufficient balance x35, ...`.
 * Its id is a hash of the members' ids, so a digest resent after a crash is the same message.
 */
export function digestAlert(members: readonly Alert[], windowMs: number): Alert {
  if (members.length === 0) throw new Error('a digest needs at least one alert');
  const counts = new Map<string, number>();
  for (const m of members) counts.set(reasonOf(m), (counts.get(reasonOf(m)) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = ranked.slice(0, SHOWN_REASONS).map(([r, n]) => `${r} x${n}`);
  if (ranked.length > SHOWN_REASONS) shown.push(`${ranked.length - SHOWN_REASONS} more`);
  const first = members[0]!;
  const last = members[members.length - 1]!;
  const severity = members.reduce<Severity>((s, m) => (RANK[m.severity] > RANK[s] ? m.severity : s), 'info');
  const id = `digest-${createHash('sha256')
    .update(members.map((m) => m.id).join('\n'))
    .digest('hex')
    .slice(0, 32)}`;
  return {
    id,
    event: first.event,
    severity,
    session: first.session,
    summary: `${members.length} ${eventWords(first.event)} in ${spokenDuration(windowMs)}: ${shown.join(', ')}`,
    details: {
      digest: true,
      count: members.length,
      first_at: new Date(first.at).toISOString(),
      last_at: new Date(last.at).toISOString(),
      reasons: Object.fromEntries(ranked),
      ids: members.slice(0, LISTED_IDS).map((m) => m.id),
    },
    at: last.at,
  };
}
