import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Read at run time: the version in the log is the installed runner's, not a build-time copy.
export const version: string = (require('../package.json') as { version: string }).version;
