export { InputError } from './errors';
export { resolveHome, type HomeLayout } from './home';
export { writeFileAtomic, type AtomicWriteOptions } from './files/atomic-write';
export { formatMode, isInside, makeOwnerDirs, OWNER_DIR_MODE, OWNER_FILE_MODE, tooOpen, type ModeFinding } from './files/owner-only';
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './config/load-config';
export { configJsonSchema } from './config/json-schema';
export { generateKey, keyFromEnv, parseKey, KEY_ENV, KEY_PREFIX } from './secrets/key';
export { CredentialStoreError } from './secrets/store-error';
export { credentialStorePath, emptyStore, readCredentialStore, writeCredentialStore, type StoreContents, type StoredVenue } from './secrets/store';
export {
  credentialEnvNames,
  credentialsFromEnv,
  lookupCredentials,
  missingCredentials,
  MissingCredentialsError,
  type CredentialSource,
  type VenueCredentials,
} from './secrets/credentials';
