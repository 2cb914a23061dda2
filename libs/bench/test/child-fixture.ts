// Entry point of an isolated case in the child-process test: measures one case and prints its result.
import { defineSuite, runCaseInChild, throughputCase } from '../src/index';

export const suite = defineSuite({
  name: 'child',
  description: 'isolation test',
  cases: [
    throughputCase({
      name: 'allocate 64MB',
      unit: 'buffers',
      isolate: true,
      warmup: { full: 0, quick: 0 },
      iterations: { full: 1, quick: 1 },
      run: () => {
        // Touch every page so the memory is resident, not just reserved.
        const b = Buffer.alloc(64 * 1024 * 1024, 1);
        return b[b.length - 1] === 1 ? 1 : 0;
      },
    }),
  ],
});

if (process.argv[2] === 'run-case') await runCaseInChild(suite, process.argv[3]!, { quick: true });
