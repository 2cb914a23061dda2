/**
 * Every way reading the credential store can fail, as one type: the envelope parser and the
 * decryption throw nothing else. `exitCode` 2: the store or the key is bad input.
 */
export class CredentialStoreError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly kind: 'format' | 'wrong-key' | 'tampered' | 'unreadable' | 'no-key',
    message: string,
  ) {
    super(message);
    this.name = 'CredentialStoreError';
  }
}
