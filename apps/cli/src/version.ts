import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Read at run time so the version printed is the installed package's, not a build-time copy.
export const version: string = (require('../package.json') as { version: string }).version;
