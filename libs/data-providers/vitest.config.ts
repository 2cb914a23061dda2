import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.base';

// The loopback exchange emulator is a tool, not a lib: tests use its sources like the libs'.
export default mergeConfig(projectConfig(), {
  resolve: { alias: { '@rustybt/exchange-sim': fileURLToPath(new URL('../../tools/exchange-sim/src/index.ts', import.meta.url)) } },
});
