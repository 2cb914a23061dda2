// Log generators (`@rustybt/uptime/testing`) for tests and the uptime benchmark; not part of the main entry.
export { LogScript, type GroundTruth, type ScriptLine } from './log-script';
export { writeLogs, type SplitOptions } from './write-logs';
export { writeSteadyHeartbeats, type SteadyOptions } from './steady-heartbeats';
