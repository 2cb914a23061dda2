export { InputError } from './errors';
export { resolveHome, type HomeLayout } from './home';
export { writeFileAtomic } from './atomic-write';
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './config/load-config';
export { configJsonSchema } from './config/json-schema';
