import { join } from 'node:path';
import { loadChipDir } from './chips.js';
import type { DatasetRecords } from './dataset.js';
import { loadEccnFile } from './eccn.js';
import { loadPcieBandwidths } from './standards.js';

/** Reads and validates every data file under `dir`. Errors name the file, line and field. */
export function readDataRecords(dir: string): DatasetRecords {
  const pcie = loadPcieBandwidths(join(dir, 'standards', 'pcie.yaml'));
  return {
    pcie,
    chips: loadChipDir(join(dir, 'chips'), new Set(Object.keys(pcie))),
    eccn3a090: loadEccnFile(join(dir, 'rules', 'us', 'eccn-3a090.yaml')),
  };
}
