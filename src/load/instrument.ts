import { z } from 'zod';
import { isIsoDate } from '../core/dates.js';
import { compileCondition, ConditionError, type CompiledCondition, type Condition } from '../core/rules/condition.js';
import type { Instrument } from '../core/rules/source.js';
import { DataFileError, type YamlFile } from './yaml-file.js';

export const isoDate = z.string().refine(isIsoDate, 'must be a real calendar date YYYY-MM-DD');

export const instrumentSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be lower-case letters, digits, dots and dashes'),
  jurisdiction: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code'),
  title: z.string().min(1),
  citation: z.string().min(1),
  url: z.string().url(),
  published: isoDate.nullable().optional(),
  effective: isoDate,
  compliance: isoDate.nullable().optional(),
  ends: isoDate.nullable().optional(),
  not_enforced_from: isoDate.nullable().optional(),
  confidence: z.enum(['primary', 'secondary', 'reported', 'unconfirmed']),
  notes: z.string().optional(),
});

export type InstrumentRecord = z.infer<typeof instrumentSchema>;

export function instrumentFromRecord(r: InstrumentRecord, file: YamlFile, at: (string | number)[]): Instrument {
  if (r.ends && r.ends < r.effective) {
    throw new DataFileError(file.path, file.lineOf([...at, 'ends']), `${at.join('.')}.ends`, `ends (${r.ends}) is before effective (${r.effective})`);
  }
  return {
    id: r.id,
    jurisdiction: r.jurisdiction,
    title: r.title.trim(),
    citation: r.citation.trim(),
    url: r.url,
    published: r.published ?? null,
    effective: r.effective,
    compliance: r.compliance ?? null,
    ends: r.ends ?? null,
    confidence: r.confidence,
    notEnforcedFrom: r.not_enforced_from ?? null,
    notes: r.notes?.trim(),
  };
}

/** Compiles a condition found at `at` in `file`, turning a ConditionError into a file:line error. */
export function compileAt(file: YamlFile, cond: unknown, at: (string | number)[]): CompiledCondition {
  try {
    return compileCondition(cond as Condition);
  } catch (e) {
    if (e instanceof ConditionError) {
      const path = [...at, ...e.path];
      throw new DataFileError(file.path, file.lineOf(path), path.join('.'), e.message);
    }
    throw e;
  }
}
