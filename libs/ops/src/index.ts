export { InputError } from './errors';
export { resolveHome, type HomeLayout } from './home';
export { writeFileAtomic, type AtomicWriteOptions } from './files/atomic-write';
export { createTempBeside, syncFile, syncFolder } from './files/durable';
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
export { scopeAllows, scopeSchema, type Scope } from './tokens/scope';
export { parseTtl, MAX_TTL_MS, MIN_TTL_MS } from './tokens/ttl';
export { API_SECRET_ENV, apiSecretPath, loadApiSecret, secretStrength, STRONG_SECRET_BITS, type ApiSecret, type SecretStrength } from './tokens/api-secret';
export {
  addRevoked,
  issuedTokensPath,
  JTI_PATTERN,
  listIssued,
  readRevoked,
  recordIssued,
  RevocationList,
  revokedTokensPath,
  type IssuedToken,
  type RevokedToken,
} from './tokens/token-files';
export {
  issueToken,
  MAX_TOKEN_LENGTH,
  SUBJECT_PATTERN,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenError,
  verifyToken,
  type TokenClaims,
  type TokenFailure,
} from './tokens/tokens';
export { didYouMean } from './config/did-you-mean';
