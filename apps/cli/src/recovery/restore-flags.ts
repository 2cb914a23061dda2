/** The flags of `rustybt restore` as commander parses them: shared by the command's definition and its implementation. */

export interface RestoreFlags {
  session?: string;
  force?: boolean;
}
