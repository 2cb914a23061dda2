/** The flags of `rustybt test-alerts` as commander parses them: shared by the command's definition and its implementation. */

export interface TestAlertsFlags {
  channel?: string;
}
