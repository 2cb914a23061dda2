/** The flags of `rustybt watch` as commander parses them: shared by the command's definition and its implementation. */

export interface WatchFlags {
  session: string;
  stale: string;
  once?: boolean;
  logDir?: string;
}
