import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Chip } from '../core/catalog/chip.js';
import { InputError } from '../core/errors.js';
import { chipMetrics, type ChipMetrics, type PcieBandwidths } from '../core/catalog/facts.js';
import { compileEccnVersion, type CompiledEccnVersion, type EccnVersion } from '../core/classify/eccn.js';
import { compileEndUseTagger } from '../core/decide/end-use.js';
import { compileRuleSet, type InstrumentRules, type RuleSet } from '../core/decide/rules.js';
import type { ListingRule } from '../core/screening/listing-dates.js';
import type { Vendor } from './vendors.js';
import { Countries, type CountryData } from '../core/geo/countries.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The package root, found from this file whether it runs from src/ or dist/. */
export function packageRoot(): string {
  let dir = here;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the chiplaw package root');
}

export function defaultDataDir(): string {
  return join(packageRoot(), 'data');
}

/** Validated data, as plain JSON-serialisable records. */
export interface DatasetRecords {
  pcie: PcieBandwidths;
  chips: Chip[];
  eccn3a090: EccnVersion[];
  countries: CountryData;
  instruments: InstrumentRules[];
  endUseTags: Record<string, string[]>;
  /** When list additions took effect (data/lists/listing-dates.yaml). */
  listingRules: ListingRule[];
  vendors: Vendor[];
}

export interface CatalogEntry {
  chip: Chip;
  metrics: ChipMetrics;
}

/** Everything the engine needs, loaded and compiled once. */
export interface Dataset {
  dataDir: string;
  /** SHA-256 over every data file's path and content: identifies the rule set used for a decision. */
  hash: string;
  pcie: PcieBandwidths;
  catalog: Map<string, CatalogEntry>;
  eccn3a090: CompiledEccnVersion[];
  countries: Countries;
  rules: RuleSet;
  endUseTags: (text: string) => string[];
  /** When list additions took effect (data/lists/listing-dates.yaml). */
  listingRules: ListingRule[];
  /** Chip designers and their other spellings (data/vendors.yaml). */
  vendors: Vendor[];
}

export function compileDataset(dataDir: string, hash: string, records: DatasetRecords): Dataset {
  const catalog = new Map<string, CatalogEntry>();
  for (const chip of records.chips) catalog.set(chip.id, { chip, metrics: chipMetrics(chip, records.pcie) });
  return {
    dataDir,
    hash,
    pcie: records.pcie,
    catalog,
    eccn3a090: records.eccn3a090.map(compileEccnVersion),
    countries: new Countries(records.countries),
    rules: compileRuleSet(records.instruments),
    endUseTags: compileEndUseTagger(records.endUseTags),
    listingRules: records.listingRules,
    vendors: records.vendors,
  };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

export function hashDataDir(dir: string, extraDirs: string[] = []): string {
  const h = createHash('sha256');
  for (const root of [dir, ...extraDirs]) {
    for (const f of listFiles(root)) {
      h.update(relative(dir, f));
      h.update('\0');
      h.update(readFileSync(f));
      h.update('\0');
    }
  }
  return h.digest('hex');
}

export const SNAPSHOT_FILE = 'data-snapshot.json';

/**
 * Loads and compiles the data under `dataDir`. Parsing YAML and validating schemas costs far more than a
 * classification, so the build writes a snapshot of the validated shipped data; it is used only when its
 * content hash equals the data on disk, and any edit falls back to full validation.
 */
export async function loadDataset(dataDir: string = defaultDataDir(), extraRuleDirs: string[] = []): Promise<Dataset> {
  const dir = resolve(dataDir);
  const extra = extraRuleDirs.map((d) => resolve(d));
  for (const d of extra) {
    if (!existsSync(d)) throw new InputError(`--rules: directory "${d}" does not exist`, '--rules', d);
  }
  const hash = hashDataDir(dir, extra);
  const snapshotPath = join(packageRoot(), 'dist', SNAPSHOT_FILE);
  if (extra.length === 0 && existsSync(snapshotPath)) {
    const snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8')) as { hash: string; records: DatasetRecords };
    if (snapshot.hash === hash) return compileDataset(dir, hash, snapshot.records);
  }
  const { readDataRecords } = await import('./read-data.js');
  return compileDataset(dir, hash, readDataRecords(dir, extra));
}
