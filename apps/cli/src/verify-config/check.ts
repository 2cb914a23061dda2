/** One finding of verify-config. `where` is a file:line, a file, or a variable name; never a secret value. */
export interface ConfigCheck {
  id: string;
  title: string;
  status: 'PASS' | 'WARN' | 'FAIL' | 'SKIP';
  where?: string;
  detail: string;
  /** What to do about a WARN or FAIL. */
  remedy?: string;
}

export const pass = (id: string, title: string, detail: string, where?: string): ConfigCheck => ({
  id,
  title,
  status: 'PASS',
  detail,
  ...(where ? { where } : {}),
});
export const skip = (id: string, title: string, detail: string): ConfigCheck => ({ id, title, status: 'SKIP', detail });
export const warn = (id: string, title: string, detail: string, remedy: string, where?: string): ConfigCheck => ({
  id,
  title,
  status: 'WARN',
  detail,
  remedy,
  ...(where ? { where } : {}),
});
export const fail = (id: string, title: string, detail: string, remedy: string, where?: string): ConfigCheck => ({
  id,
  title,
  status: 'FAIL',
  detail,
  remedy,
  ...(where ? { where } : {}),
});

/** 0 nothing failed, 1 a check failed. */
export const exitCodeOf = (checks: readonly ConfigCheck[]): 0 | 1 => (checks.some((c) => c.status === 'FAIL') ? 1 : 0);
