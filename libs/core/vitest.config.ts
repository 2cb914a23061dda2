import { projectConfig } from '../../vitest.base';

export default projectConfig();
