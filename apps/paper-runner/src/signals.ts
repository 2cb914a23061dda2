/**
 * SIGINT/SIGTERM: the first asks for a graceful stop (stop taking orders, checkpoint, session_stop,
 * exit 0); a second one means "now" and exits at once with the conventional 128+signal code.
 * Returns a function that removes the handlers.
 */
export function onStopSignals(stop: (signal: NodeJS.Signals) => void, exit: (code: number) => void = (c) => process.exit(c)): () => void {
  let received = 0;
  const handler = (signal: NodeJS.Signals) => {
    received++;
    if (received === 1) stop(signal);
    else exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
