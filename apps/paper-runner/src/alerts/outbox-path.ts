import { dirname, join } from 'node:path';

/** A session's alert outbox: its own SQLite file beside the state file. */
export const outboxPathOf = (stateFile: string, session: string): string => join(dirname(stateFile), `${session}.alerts.db`);
