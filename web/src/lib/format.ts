import type { ClassificationStatus, Verdict } from './types.js';

/** Today as YYYY-MM-DD in UTC, the calendar the server's dates use. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export function isIsoDate(s: string | null | undefined): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });

export const fmtInt = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : integer.format(n));
export const fmtUsd = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : usd.format(n));
export const fmtNum = (n: number | null | undefined, digits = 2): string =>
  n === null || n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits });
export const fmtBool = (b: boolean | null | undefined): string => (b === null || b === undefined ? 'unknown' : b ? 'yes' : 'no');

/** `2025-09-01T10:11:12.345Z` → `2025-09-01 10:11:12 UTC`. */
export function fmtTimestamp(ts: string): string {
  return ts.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

export const STATUS_LABEL: Record<ClassificationStatus, string> = {
  controlled: 'controlled',
  not_controlled: 'not controlled',
  insufficient_data: 'insufficient data',
};

export const VERDICT_LABEL: Record<Verdict, string> = {
  allowed: 'Allowed',
  allowed_with_conditions: 'Allowed with conditions',
  licence_required: 'Licence required',
  prohibited: 'Prohibited',
  review: 'Needs review',
};

/** snake_case codes from the API read as words: `presumption_of_denial` → `presumption of denial`. */
export const words = (code: string | null | undefined): string => (code ? code.replace(/_/g, ' ') : '—');

/** The class a chip falls in on a date, as the scatter colours it: the ECCN paragraph, or the status. */
export function classOf(row: { status: ClassificationStatus; eccn: string | null }): string {
  if (row.status === 'controlled') return row.eccn ?? 'controlled';
  return STATUS_LABEL[row.status];
}
