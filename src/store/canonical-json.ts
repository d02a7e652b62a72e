import { InputError } from '../core/errors.js';

/**
 * Canonical JSON: the one byte string a JSON value hashes to, so that a ledger entry read back from either
 * database hashes exactly as it did when it was written.
 *
 * - Object keys are sorted by UTF-16 code units (JavaScript's default string order); no whitespace anywhere.
 * - Strings are escaped as `JSON.stringify` escapes them (lone surrogates as `\udxxx`, so the output is valid UTF-8).
 * - Numbers are written as `JSON.stringify` writes them (the shortest text that reads back as the same double);
 *   NaN and the infinities are refused rather than silently turned into `null`.
 * - Properties whose value is `undefined` are left out, as `JSON.stringify` does, so optional TypeScript fields
 *   may be absent or undefined with the same result; `undefined` anywhere else, functions, symbols and bigints are
 *   refused. A value with a `toJSON` method (a Date) is replaced by what that method returns.
 *
 * For JSON values this is the serialisation of RFC 8785 (JCS), which fixes the same key order, escaping and numbers.
 */
export function canonicalJson(value: unknown, field = 'value'): string {
  try {
    return write(value, []);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const path = field + error.path.reverse().join('');
    throw new InputError(`${path} ${error.reason}`, path, error.value);
  }
}

/**
 * A value canonical JSON cannot carry. The path to it is collected as the error unwinds, so the common case of
 * a valid value builds no path strings at all.
 */
class Refusal extends Error {
  readonly path: string[] = [];
  constructor(
    readonly reason: string,
    readonly value?: unknown,
  ) {
    super(reason);
  }
}

/** Characters JSON.stringify escapes or treats specially (surrogates, which may be lone). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without calling it for the common string that has nothing to escape. */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** `ancestors` holds the objects being written around this one: a value met again among them is a cycle. */
function write(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Refusal('must be a finite number', value);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new Refusal(`is not a JSON value (${typeof value})`, String(value));
  }
  if (value === null) return 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return write((value as { toJSON: () => unknown }).toJSON(), ancestors);
  if (ancestors.includes(value)) throw new Refusal('refers to itself');
  ancestors.push(value);
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) {
      try {
        text += (i > 0 ? ',' : '') + write(value[i], ancestors);
      } catch (error) {
        if (error instanceof Refusal) error.path.push(`[${i}]`);
        throw error;
      }
    }
    text += ']';
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    text = '{';
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) continue;
      try {
        text += (text.length > 1 ? ',' : '') + quote(key) + ':' + write(item, ancestors);
      } catch (error) {
        if (error instanceof Refusal) error.path.push(`.${key}`);
        throw error;
      }
    }
    text += '}';
  }
  ancestors.pop();
  return text;
}
