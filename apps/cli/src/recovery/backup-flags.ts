/** The flags of `rustybt backup` as commander parses them: shared by the command's definition and its implementation. */

export interface BackupFlags {
  session?: string;
  all?: boolean;
  output?: string;
  keep?: string;
  includeLogs?: boolean;
  includeEnv?: boolean;
}
