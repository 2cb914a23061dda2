import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderChecklistMarkdown } from './render';

const FILE = fileURLToPath(new URL('../../../../docs/production-checklist.md', import.meta.url));

describe('docs/production-checklist.md', () => {
  it('is the checklist table rendered (regenerate with npm run docs:checklist)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(renderChecklistMarkdown());
  });
});
