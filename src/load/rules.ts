import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CountryData } from '../core/geo/countries.js';
import { compileRuleSet, RuleSetError, type InstrumentRules, type RuleDef } from '../core/decide/rules.js';
import type { Condition } from '../core/rules/condition.js';
import { instrumentFromRecord, instrumentSchema, isoDate } from './instrument.js';
import { DataFileError, readYamlFile, validate, type YamlFile } from './yaml-file.js';

const policy = z.enum(['presumption_of_denial', 'case_by_case', 'presumption_of_approval']);
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be lower-case letters, digits, dots and dashes');

const effectSchema = z.union([
  z.strictObject({ licence_required: z.strictObject({ policy: z.union([policy, z.literal('per_listing')]).nullable() }) }),
  z.strictObject({ review_policy: z.strictObject({ policy, applies_to: z.array(ruleId).min(1) }) }),
  z.strictObject({
    exception: z.strictObject({ code: z.string().min(1), notification_days: z.number().int().positive().nullable(), covers: z.array(ruleId).min(1) }),
  }),
  z.strictObject({ prohibited: z.strictObject({ reason: z.string().min(1) }) }),
  z.strictObject({ review: z.strictObject({ reason: z.string().min(1) }) }),
  z.strictObject({ import: z.strictObject({ status: z.enum(['discouraged', 'review', 'prohibited']), measure: z.string().min(1) }) }),
  z.strictObject({
    obligation: z.strictObject({ kind: z.enum(['revenue_share', 'tariff']), percent: z.number().positive().max(100), payee: z.string().min(1) }),
  }),
  z.strictObject({ context: z.strictObject({ note: z.string().min(1) }) }),
]);

const ruleFileSchema = z.strictObject({
  instrument: instrumentSchema,
  rules: z
    .array(
      z.strictObject({
        id: ruleId,
        title: z.string().min(1),
        cites: z.string().min(1).optional(),
        effective: isoDate.optional(),
        ends: isoDate.nullable().optional(),
        priority: z.number().int().optional(),
        overrides: z.array(ruleId).optional(),
        when: z.unknown(),
        effect: effectSchema,
      }),
    )
    .min(1),
});

/** Facts whose operands are ISO country codes, and those whose operands are country-group codes. */
const COUNTRY_FACTS = new Set(['destination.country', 'destination.territory', 'buyer.hq', 'end_user.hq', 'order.exported_from', 'parties.hq_countries']);
const GROUP_FACTS = new Set(['destination.groups', 'buyer.hq_groups', 'end_user.hq_groups', 'parties.hq_groups']);

/** Checks that every country or group code a condition names exists, so a typo cannot silently never match. */
function checkCodes(file: YamlFile, cond: unknown, path: (string | number)[], countries: CountryData): void {
  if (!cond || typeof cond !== 'object') return;
  if (Array.isArray(cond)) {
    cond.forEach((c, i) => checkCodes(file, c, [...path, i], countries));
    return;
  }
  const c = cond as Record<string, unknown>;
  for (const key of ['all', 'any', 'not']) if (key in c) checkCodes(file, c[key], [...path, key], countries);
  if (typeof c.fact !== 'string') return;
  const known = COUNTRY_FACTS.has(c.fact)
    ? (v: string) => Object.prototype.hasOwnProperty.call(countries.names, v)
    : GROUP_FACTS.has(c.fact)
      ? (v: string) => countries.groups.some((g) => g.code === v)
      : null;
  if (!known) return;
  for (const op of ['eq', 'ne', 'in', 'includes', 'includes_any']) {
    const values = c[op] === undefined ? [] : Array.isArray(c[op]) ? (c[op] as unknown[]) : [c[op]];
    for (const v of values) {
      if (typeof v === 'string' && !known(v)) {
        throw new DataFileError(file.path, file.lineOf([...path, op]), [...path, op].join('.'), `unknown ${GROUP_FACTS.has(c.fact) ? 'country group' : 'ISO 3166 country code'} "${v}"`);
      }
    }
  }
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFilesUnder(p));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(p);
  }
  return out;
}

/** True for a rule file (instrument + rules), false for other files such as ECCN parameter tables. */
function isRuleFile(file: YamlFile): boolean {
  return !!file.data && typeof file.data === 'object' && 'instrument' in file.data;
}

export function readRuleFile(file: YamlFile, countries: CountryData): InstrumentRules {
  const parsed = validate(file, ruleFileSchema);
  parsed.rules.forEach((r, i) => checkCodes(file, r.when, ['rules', i, 'when'], countries));
  return {
    source: file.path,
    instrument: instrumentFromRecord(parsed.instrument, file, ['instrument']),
    rules: parsed.rules.map(
      (r): RuleDef => ({
        id: r.id,
        title: r.title,
        ...(r.cites ? { cites: r.cites } : {}),
        ...(r.effective ? { effective: r.effective } : {}),
        ...(r.ends !== undefined ? { ends: r.ends } : {}),
        when: r.when as Condition,
        effect: r.effect as RuleDef['effect'],
        priority: r.priority ?? 0,
        overrides: r.overrides ?? [],
      }),
    ),
  };
}

/**
 * Reads every rule file under the given directories and compiles the whole set once, so conflicts between
 * files are found at load. Errors name the file, line and field.
 */
export function readRuleDirs(dirs: string[], countries: CountryData): InstrumentRules[] {
  const files = new Map<string, YamlFile>();
  const instruments: InstrumentRules[] = [];
  for (const dir of dirs) {
    let paths: string[];
    try {
      paths = yamlFilesUnder(dir);
    } catch {
      throw new DataFileError(dir, null, '', 'cannot read rules directory');
    }
    for (const path of paths) {
      const file = readYamlFile(path);
      if (!isRuleFile(file)) continue;
      files.set(path, file);
      instruments.push(readRuleFile(file, countries));
    }
  }
  checkRuleSet(instruments, files);
  return instruments;
}

export function checkRuleSet(instruments: InstrumentRules[], files: Map<string, YamlFile>): void {
  try {
    compileRuleSet(instruments);
  } catch (e) {
    if (!(e instanceof RuleSetError)) throw e;
    const p = e.problems[0]!;
    const path = ['rules', p.ruleIndex, ...p.path];
    throw new DataFileError(p.source, files.get(p.source)?.lineOf(path) ?? null, path.join('.'), p.message);
  }
}
