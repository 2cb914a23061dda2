/** Shared shape of throughput and latency cases: state around the run, warm-up, case and reference interleaved. */

/** Runs `body` with the state of `setup`, always tearing it down. */
export async function withState<S, T>(
  setup: (() => S | Promise<S>) | undefined,
  teardown: ((state: S) => void | Promise<void>) | undefined,
  body: (state: S) => Promise<T>,
): Promise<T> {
  const state = (setup ? await setup() : undefined) as S;
  try {
    return await body(state);
  } finally {
    if (teardown) await teardown(state);
  }
}

/**
 * `count` timed samples of the case and, if given, as many of the reference, alternating which
 * goes first (case, ref; ref, case; …) so a drift in machine speed favours neither.
 */
export async function interleaved(
  count: number,
  timeCase: () => Promise<number>,
  timeReference: (() => Promise<number>) | undefined,
  after: (i: number) => void,
): Promise<{ caseNs: number[]; refNs: number[] }> {
  const caseNs: number[] = [];
  const refNs: number[] = [];
  for (let i = 0; i < count; i++) {
    if (timeReference && i % 2 === 1) refNs.push(await timeReference());
    caseNs.push(await timeCase());
    if (timeReference && i % 2 === 0) refNs.push(await timeReference());
    after(i);
  }
  return { caseNs, refNs };
}
