import type { ValidationResult } from '../result-schema';
import { summaryCounts, type StatusCounts } from '../status';

export function countsText(c: StatusCounts): string {
  return `${c.PASS} PASS, ${c.WARN} WARN, ${c.FAIL} FAIL, ${c.SKIP} SKIP`;
}

/** One sentence a reader acts on, after the verdict label. */
export function conclusionText(result: ValidationResult): string {
  const { checks } = summaryCounts(result);
  switch (result.verdict) {
    case 'ready':
      return `Every check passed (${checks.PASS} checks in ${result.mode} mode).`;
    case 'ready-with-caveats':
      return `No check failed; ${checks.WARN} warned and ${checks.SKIP} could not be made. Review each one and its remedy before going live.`;
    case 'not-ready':
      return `${checks.FAIL} check${checks.FAIL === 1 ? '' : 's'} failed. Fix each one (its remedy is listed with it) and run the validation again.`;
  }
}
