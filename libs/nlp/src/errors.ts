/** A stored phrases model or dictionary (JSON) does not have the expected shape. */
export class SerializationError extends Error {
  constructor(what: string, problem: string) {
    super(`cannot read ${what}: ${problem}`);
    this.name = 'SerializationError';
  }
}
