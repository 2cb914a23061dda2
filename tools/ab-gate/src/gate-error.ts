/** A problem with what the gate was asked to do (a revision, a tree, a build): exit code 2. */
export class GateError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'GateError';
  }
}
