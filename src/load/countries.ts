import { join } from 'node:path';
import { z } from 'zod';
import type { CountryData } from '../core/geo/countries.js';
import { isoDate } from './instrument.js';
import { DataFileError, readYamlFile, validate } from './yaml-file.js';

const code = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code');
const groupCode = z.string().regex(/^[A-E]:[0-9]$/, 'must look like D:5');

const namesSchema = z.strictObject({
  source: z.string(),
  url: z.string().url(),
  confidence: z.string(),
  countries: z.record(code, z.string().min(1)),
});

const groupsSchema = z.strictObject({
  snapshot: z.strictObject({ as_of: isoDate, citation: z.string(), url: z.string().url(), confidence: z.string() }),
  treated_as: z.record(code, z.strictObject({ as: code, citation: z.string(), confidence: z.string() })),
  groups: z.record(
    groupCode,
    z.strictObject({
      title: z.string(),
      members: z.array(code),
      complete: z.boolean().optional(),
      changes: z
        .array(
          z.strictObject({
            country: code,
            from: isoDate.nullable(),
            to: isoDate.nullable(),
            citation: z.string(),
            url: z.string().url().optional(),
            confidence: z.string(),
          }),
        )
        .optional(),
    }),
  ),
});

/** Loads ISO 3166 names and the country-group time series; every code used must be an ISO code. */
export function loadCountryData(dir: string): CountryData {
  const names = validate(readYamlFile(join(dir, 'iso-3166-1.yaml')), namesSchema).countries;
  const groupsFile = readYamlFile(join(dir, 'groups.yaml'));
  const g = validate(groupsFile, groupsSchema);
  const check = (c: string, path: (string | number)[]) => {
    if (!Object.prototype.hasOwnProperty.call(names, c)) {
      throw new DataFileError(groupsFile.path, groupsFile.lineOf(path), path.join('.'), `"${c}" is not an ISO 3166 alpha-2 code`);
    }
  };
  for (const [from, t] of Object.entries(g.treated_as)) {
    check(from, ['treated_as', from]);
    check(t.as, ['treated_as', from, 'as']);
  }
  for (const [group, def] of Object.entries(g.groups)) {
    def.members.forEach((c, i) => check(c, ['groups', group, 'members', i]));
    def.changes?.forEach((c, i) => check(c.country, ['groups', group, 'changes', i, 'country']));
  }
  return {
    names,
    treatedAs: g.treated_as,
    snapshot: g.snapshot,
    groups: Object.entries(g.groups).map(([code, def]) => ({
      code,
      title: def.title,
      members: def.members,
      changes: def.changes ?? [],
      complete: def.complete ?? true,
    })),
  };
}
