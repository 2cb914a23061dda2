import { endQuietlyOnClosedPipe } from './closed-pipe';
import { run } from './run';
import { redactStream } from './stderr-redaction';

// Before anything can print: a closed pipe ends the command quietly, and stderr is redacted whoever writes.
endQuietlyOnClosedPipe();
redactStream(process.stderr);

// exitCode rather than process.exit(): long-running commands must be allowed to finish cleanly.
run(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
