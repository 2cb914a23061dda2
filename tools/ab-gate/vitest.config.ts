import { projectConfig } from '../../vitest.base';

export default projectConfig({ testTimeout: 120_000 });
