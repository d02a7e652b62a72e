import { join } from 'node:path';
import { loadChipDir } from './chips.js';
import { loadCountryData } from './countries.js';
import type { DatasetRecords } from './dataset.js';
import { loadEccnFile } from './eccn.js';
import { loadEndUseTags } from './end-uses.js';
import { loadListingRules } from './listing-dates.js';
import { loadVendors } from './vendors.js';
import { DataFileError } from './yaml-file.js';
import { readRuleDirs } from './rules.js';
import { loadPcieBandwidths } from './standards.js';

/** Reads and validates every data file under `dir`, plus rule files in `extraRuleDirs`. Errors name file, line and field. */
export function readDataRecords(dir: string, extraRuleDirs: string[] = []): DatasetRecords {
  const pcie = loadPcieBandwidths(join(dir, 'standards', 'pcie.yaml'));
  const countries = loadCountryData(join(dir, 'countries'));
  const vendors = loadVendors(join(dir, 'vendors.yaml'));
  const chips = loadChipDir(join(dir, 'chips'), new Set(Object.keys(pcie)));
  const vendorNames = new Set(vendors.map((v) => v.name));
  for (const chip of chips) {
    if (chip.vendor === null || !vendorNames.has(chip.vendor)) {
      throw new DataFileError(join(dir, 'chips'), null, `${chip.id}.vendor`, `"${chip.vendor}" is not a vendor named in data/vendors.yaml`);
    }
  }
  return {
    pcie,
    vendors,
    chips,
    eccn3a090: loadEccnFile(join(dir, 'rules', 'us', 'eccn-3a090.yaml')),
    countries,
    instruments: readRuleDirs([join(dir, 'rules'), ...extraRuleDirs], countries),
    endUseTags: loadEndUseTags(join(dir, 'end-uses.yaml')),
    listingRules: loadListingRules(join(dir, 'lists', 'listing-dates.yaml')),
  };
}
