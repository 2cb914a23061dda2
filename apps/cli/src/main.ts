import { run } from './run';

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
