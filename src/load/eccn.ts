import { z } from 'zod';
import type { EccnVersion } from '../core/classify/eccn.js';
import { compileAt, instrumentFromRecord, instrumentSchema } from './instrument.js';
import { DataFileError, readYamlFile, validate } from './yaml-file.js';

const paragraph = z.string().regex(/^[0-9][A-Z][0-9]{3}(\.[a-z0-9]+)*$/, 'must look like 3A090.a');

const eccnFileSchema = z.strictObject({
  eccn: z.string().min(1),
  versions: z
    .array(
      z.strictObject({
        instrument: instrumentSchema,
        paragraphs: z.array(paragraph).min(1),
        exclusions: z.array(
          z.strictObject({ id: z.string().min(1), applies_to: z.array(paragraph).min(1), text: z.string().min(1), when: z.unknown() }),
        ),
        tests: z.array(z.strictObject({ id: z.string().min(1), eccn: paragraph, text: z.string().min(1), when: z.unknown() })).min(1),
      }),
    )
    .min(1),
});

/** Loads an ECCN's dated versions, checks their conditions compile and that no two versions overlap. */
export function loadEccnFile(path: string): EccnVersion[] {
  const file = readYamlFile(path);
  const parsed = validate(file, eccnFileSchema);
  const versions = parsed.versions.map((v, i): EccnVersion => {
    const at = ['versions', i];
    v.tests.forEach((t, j) => {
      compileAt(file, t.when, [...at, 'tests', j, 'when']);
      if (!v.paragraphs.includes(t.eccn)) {
        throw new DataFileError(path, file.lineOf([...at, 'tests', j, 'eccn']), `${at.join('.')}.tests.${j}.eccn`, `${t.eccn} is not among paragraphs`);
      }
    });
    v.exclusions.forEach((e, j) => compileAt(file, e.when, [...at, 'exclusions', j, 'when']));
    const version: EccnVersion = {
      instrument: instrumentFromRecord(v.instrument, file, [...at, 'instrument']),
      paragraphs: v.paragraphs,
      tests: v.tests.map((t) => ({ id: t.id, eccn: t.eccn, text: t.text, when: t.when as EccnVersion['tests'][number]['when'] })),
      exclusions: v.exclusions.map((e) => ({ id: e.id, appliesTo: e.applies_to, text: e.text, when: e.when as EccnVersion['tests'][number]['when'] })),
    };
    return version;
  });
  const sorted = [...versions].sort((a, b) => (a.instrument.effective < b.instrument.effective ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!.instrument;
    const cur = sorted[i]!.instrument;
    if (prev.ends === null || prev.ends >= cur.effective) {
      throw new DataFileError(path, null, 'versions', `${prev.id} and ${cur.id} overlap: a date would have two versions in force`);
    }
  }
  return sorted;
}
