import { describe, expect, it } from 'vitest';
import { sessionOfStateFile } from './session-name';

describe('sessionOfStateFile', () => {
  it('tells session databases from the files beside them (the alert outbox)', () => {
    expect(sessionOfStateFile('guide.db')).toBe('guide');
    expect(sessionOfStateFile('my.session.db')).toBe('my.session');
    expect(sessionOfStateFile('guide.alerts.db')).toBeUndefined();
    expect(sessionOfStateFile('guide.db-wal')).toBeUndefined();
    expect(sessionOfStateFile('guide.db.lock')).toBeUndefined();
    expect(sessionOfStateFile('.hidden.db')).toBeUndefined();
  });
});
