import { projectConfig } from '../../vitest.base';

export default projectConfig({ testTimeout: 180_000 });
