/** The flags of `rustybt benchmark` as commander parses them: the command's definition and its implementation share this type. */

export interface BenchmarkOptions {
  suite?: string;
  iterations?: number;
  quick: boolean;
  output?: string;
  baseline?: string;
  threshold: number;
}

export interface CompareOptions {
  threshold: number;
  output?: string;
}
