export { createBackup, defaultBackupDir, type BackupOptions, type BackupResult } from './create-backup';
export { restoreArchive, type RestoreOptions, type RestoreResult } from './restore';
export { verifyRestore, type VerifyRestoreOptions, type VerifyRestoreReport, type SessionVerdict } from './verify-restore';
export { checkStart, type StartCheck } from './check-start';
export { readArchive } from './read-archive';
export { latestArchive, listArchives } from './archive-names';
export { manifestSchema, parseManifest, unsafePathReason, MANIFEST_PATH, type Manifest, type ManifestFile, type ManifestSession } from './manifest';
