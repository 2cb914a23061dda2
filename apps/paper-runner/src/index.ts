export { PaperRunner, type RunnerProgress, type RunSummary, type StartOptions, type StopReason } from './runner/paper-runner';
export { buildSession, type SessionParts } from './runner/build-session';
export { runPaperRunner, type RunOutcome } from './runner/run';
export {
  resolveRunnerOptions,
  defaultSessionName,
  requireLiveLimits,
  isVenue,
  BROKERS,
  DATA_KINDS_HELP,
  LIVE_REQUIRED_LIMITS,
  RECONCILE_POLICIES,
  type RunnerFlags,
  type RunnerOptions,
  type ReconcilePolicy,
} from './options/runner-options';
export { ReconcileError } from './venue/venue-start';
export { StateStore, type OpenStoreOptions } from './state/store';
export { StateFileError } from './state/errors';
export { SessionJournal } from './state/session-journal';
export { EventLog, type EventBody, type EventLogOptions } from './log/event-log';
export { readSessionStatus, sessionEndpoint, type ReadStatusOptions } from './status/read-status';
export type { StatusReport } from './status/report';
export {
  createBackup,
  defaultBackupDir,
  latestArchive,
  restoreArchive,
  verifyRestore,
  type BackupOptions,
  type BackupResult,
  type RestoreOptions,
  type RestoreResult,
  type VerifyRestoreReport,
} from './backup/index';
export { onStopSignals } from './signals';
export * from './config/index';
export { SESSION_NAME, checkSessionName, sessionOfStateFile } from './state/session-name';
