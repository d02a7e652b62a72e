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
  const out: string[] = [];
  write(value, field, out, new Set());
  return out.join('');
}

function write(value: unknown, path: string, out: string[], ancestors: Set<object>): void {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new InputError(`${path} must be a finite number`, path, value);
      out.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw new InputError(`${path} is not a JSON value (${typeof value})`, path, String(value));
  }
  if (value === null) {
    out.push('null');
    return;
  }
  if (ancestors.has(value)) throw new InputError(`${path} refers to itself`, path);
  ancestors.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      write(item, `${path}[${i}]`, out, ancestors);
    });
    out.push(']');
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      write(record[key], `${path}.${key}`, out, ancestors);
    });
    out.push('}');
  }
  ancestors.delete(value);
}
