import { isIsoDate, type IsoDate } from '../core/dates.js';
import { InputError } from '../core/errors.js';

/**
 * Checks for values on their way into a column. Text must be storable unchanged in both databases:
 * PostgreSQL refuses NUL characters and both drivers replace lone UTF-16 surrogates when encoding UTF-8,
 * which would silently change a hashed value.
 */
const UNSTORABLE_TEXT = /[\0\p{Cs}]/u;

export function requiredText(field: string, value: unknown, maxLength = 1000): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InputError(`${field} must be a non-empty string`, field, value);
  if (value.length > maxLength) throw new InputError(`${field} is longer than ${maxLength} characters`, field, value);
  if (UNSTORABLE_TEXT.test(value)) throw new InputError(`${field} contains a NUL or an unpaired surrogate`, field, value);
  return value;
}

export function optionalText(field: string, value: unknown, maxLength = 1000): string | null {
  return value === undefined || value === null ? null : requiredText(field, value, maxLength);
}

export function isoDate(field: string, value: unknown): IsoDate {
  if (typeof value !== 'string' || !isIsoDate(value)) throw new InputError(`${field} must be a date YYYY-MM-DD`, field, value);
  return value;
}

export function optionalIsoDate(field: string, value: unknown): IsoDate | null {
  return value === undefined || value === null ? null : isoDate(field, value);
}

export function positiveInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new InputError(`${field} must be a positive whole number`, field, value);
  }
  return value;
}

/** Whole cents are kept so that sums are exact; an amount finer than a cent is refused rather than rounded. */
export function usdToCents(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${field} must be a non-negative amount in US dollars`, field, value);
  }
  const cents = Math.round(value * 100);
  if (!Number.isSafeInteger(cents) || Math.abs(cents - value * 100) > 1e-6 * Math.max(1, cents)) {
    throw new InputError(`${field} must be whole cents (at most two decimals)`, field, value);
  }
  return cents;
}

/**
 * For computed amounts (15% of an order), which rarely come out in whole cents: rounded to the nearest cent, halves
 * up. The product is first cut to 15 significant digits so that 1.005 (stored as 1.00499999…) counts as a half.
 */
export function usdRoundedToCents(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${field} must be a non-negative amount in US dollars`, field, value);
  }
  const cents = Math.round(Number((value * 100).toPrecision(15)));
  if (!Number.isSafeInteger(cents)) throw new InputError(`${field} is too large`, field, value);
  return cents;
}

export function centsToUsd(cents: number): number {
  return cents / 100;
}

export function stringArray(field: string, value: unknown, maxLength = 1000): string[] {
  if (!Array.isArray(value)) throw new InputError(`${field} must be an array of strings`, field, value);
  return value.map((item, i) => requiredText(`${field}[${i}]`, item, maxLength));
}

export function plainObject(field: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${field} must be an object`, field, value);
  }
  return value as Record<string, unknown>;
}
