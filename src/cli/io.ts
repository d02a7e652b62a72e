import { readFileSync } from 'node:fs';
import { isIsoDate, todayIso, type IsoDate } from '../core/dates.js';
import { InputError } from '../core/errors.js';

/** Reads a JSON document from a file path, or from standard input when the path is "-". */
export function readJsonInput(path: string, field: string): unknown {
  let text: string;
  try {
    text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${field}: cannot read ${path === '-' ? 'standard input' : path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, field, path);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${field}: malformed JSON in ${path === '-' ? 'standard input' : path}: ${(e as Error).message}`, field, path);
  }
}

export function parseDateOption(value: string | undefined, field = '--on'): IsoDate {
  if (value === undefined) return todayIso();
  if (!isIsoDate(value)) throw new InputError(`${field}: "${value}" is not a real date in YYYY-MM-DD form`, field, value);
  return value;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
