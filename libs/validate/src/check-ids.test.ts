import { describe, expect, it } from 'vitest';
import { CHECKLIST } from './checklist/items';
import { KNOWN_CHECK_IDS, KNOWN_CHECKS, checkTitle, isKnownCheckId, validatorOfCheck } from './check-ids';
import { VALIDATOR_IDS } from './ids';
import { CHECK_ID_PATTERN } from './result-schema';

describe('known check ids', () => {
  it('every validator of the contract has checks, a run check, and ids of the contract form', () => {
    expect(Object.keys(KNOWN_CHECKS)).toEqual([...VALIDATOR_IDS]);
    for (const v of VALIDATOR_IDS) expect(isKnownCheckId(`${v}.run`)).toBe(true);
    for (const id of KNOWN_CHECK_IDS) {
      expect(id).toMatch(CHECK_ID_PATTERN);
      expect(VALIDATOR_IDS).toContain(validatorOfCheck(id));
      expect(checkTitle(id).length).toBeGreaterThan(5);
    }
    expect(new Set(KNOWN_CHECK_IDS).size).toBe(KNOWN_CHECK_IDS.length);
  });

  it('the production checklist names only known checks, and every check but run is on it', () => {
    const onChecklist = CHECKLIST.flatMap((i) => (i.check ? [i.check] : []));
    for (const id of onChecklist) expect(isKnownCheckId(id)).toBe(true);
    const missing = KNOWN_CHECK_IDS.filter((id) => !id.endsWith('.run') && !onChecklist.includes(id));
    expect(missing).toEqual([]);
    expect(new Set(onChecklist).size).toBe(onChecklist.length);
  });
});
