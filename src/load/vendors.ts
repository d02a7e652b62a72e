import { z } from 'zod';
import { DataFileError, readYamlFile, validate, type YamlFile } from './yaml-file.js';

const vendorsSchema = z.strictObject({
  vendors: z.array(z.strictObject({ name: z.string().min(1), aliases: z.array(z.string().min(1)).default([]) })).min(1),
});

export interface Vendor {
  name: string;
  aliases: string[];
}

/** Company suffixes left out when vendor names are compared. */
const SUFFIXES = /\b(corporation|corp|incorporated|inc|limited|ltd|co|llc)\b/g;

/** A vendor name reduced for comparison: lower case, no punctuation, no company suffix. */
export function vendorKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(SUFFIXES, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads `data/vendors.yaml`; two vendors claiming one spelling is an error naming both. */
export function loadVendors(path: string): Vendor[] {
  const file: YamlFile = readYamlFile(path);
  const vendors = validate(file, vendorsSchema).vendors;
  const owner = new Map<string, string>();
  vendors.forEach((v, i) => {
    for (const spelling of [v.name, ...v.aliases]) {
      const key = vendorKey(spelling);
      const other = owner.get(key);
      if (other !== undefined && other !== v.name) {
        throw new DataFileError(path, file.lineOf(['vendors', i]), `vendors[${i}]`, `"${spelling}" also names ${other}`);
      }
      owner.set(key, v.name);
    }
  });
  return vendors;
}

/** Each vendor list's spellings by comparison key, built once per list. */
const lookups = new WeakMap<readonly Vendor[], Map<string, string>>();

/** The catalog name of the vendor a spec gives, or null when no vendor in `vendors` goes by that name. */
export function recogniseVendor(given: string, vendors: readonly Vendor[]): string | null {
  let byKey = lookups.get(vendors);
  if (!byKey) {
    byKey = new Map(vendors.flatMap((v) => [v.name, ...v.aliases].map((spelling) => [vendorKey(spelling), v.name] as const)));
    lookups.set(vendors, byKey);
  }
  return byKey.get(vendorKey(given)) ?? null;
}
