import { projectConfig } from '../../vitest.base';

export default projectConfig({ testTimeout: 60_000 });
