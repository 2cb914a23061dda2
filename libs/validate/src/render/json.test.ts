import { describe, expect, it } from 'vitest';
import { sampleResult } from '../../test/sample-result';
import { parseValidationResult } from '../attestation';
import { renderJson } from './json';

describe('renderJson', () => {
  it('is the contract and parses back', () => {
    const r = sampleResult();
    const text = renderJson(r);
    expect(parseValidationResult(text)).toEqual(r);
    expect(Object.keys(JSON.parse(text))).toEqual(['verdict', 'mode', 'startedAt', 'durationMs', 'attestation', 'validators']);
  });
});
