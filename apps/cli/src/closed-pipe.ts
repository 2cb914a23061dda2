/**
 * `rustybt live-trade --help | head -40`: when the reader of stdout or stderr goes away (head, less,
 * a closed terminal), the next write fails with EPIPE. Unhandled, that is a stack trace; here it ends
 * the command at once and quietly, with 141 (128 + SIGPIPE) as a shell reports coreutils killed by
 * SIGPIPE, so `set -o pipefail` still sees that the output was cut.
 */
export const CLOSED_PIPE_EXIT = 141;

export function endQuietlyOnClosedPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(CLOSED_PIPE_EXIT);
      throw err;
    });
  }
}
