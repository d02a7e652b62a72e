/**
 * An error in what a user or a data file supplied. Shells turn it into exit code 2 / HTTP 400;
 * `field` and `value` name exactly what was wrong.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly value?: unknown,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
