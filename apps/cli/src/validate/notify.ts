import { summaryCounts, VERDICT_LABELS, type ValidationResult } from '@rustybt/validate';
import { alertChannels, sendToAll, validateAlert } from './alert-channels';
import type { ValidateSetup } from './setup';

/** The verdict and what needs attention, through every configured alert channel. Returns one line per channel. */
export async function notifySummary(s: ValidateSetup, result: ValidationResult): Promise<string[]> {
  const built = alertChannels(s);
  if (built.configured.length === 0) return ['notify: no alert channels configured (alerts: channels: in config.yaml); nothing sent'];
  const counts = summaryCounts(result).checks;
  const attention = result.validators.flatMap((v) =>
    v.checks.filter((c) => c.status === 'FAIL' || c.status === 'WARN').map((c) => `${c.status} ${c.id}${c.subject ? ` (${c.subject})` : ''}: ${c.detail}`),
  );
  const severity = result.verdict === 'not-ready' ? 'critical' : result.verdict === 'ready' ? 'info' : 'warning';
  const alert = validateAlert(
    'validation_result',
    severity,
    `rustybt validate (${result.mode}): ${VERDICT_LABELS[result.verdict]} - ${counts.PASS} passed, ${counts.WARN} warnings, ${counts.FAIL} failed, ${counts.SKIP} skipped`,
    { verdict: result.verdict, mode: result.mode, startedAt: result.startedAt, attention: attention.slice(0, 20) },
  );
  const sent = await sendToAll(built.channels, alert);
  return [
    ...built.problems.map((p) => `notify: ${p.name}: not sent (${p.message})`),
    ...sent.map((r) => `notify: ${r.name}: ${r.ok ? 'sent' : `failed (${r.detail})`}`),
  ];
}
