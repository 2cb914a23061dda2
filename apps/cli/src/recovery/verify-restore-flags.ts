/** The flags of `rustybt verify-restore` as commander parses them: shared by the command's definition and its implementation. */

export interface VerifyRestoreFlags {
  latest?: boolean;
  rto?: string;
  rpo?: string;
}
