import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir, hashDataDir, packageRoot, SNAPSHOT_FILE } from './dataset.js';
import { readDataRecords } from './read-data.js';

/** Build step: validates the shipped data and stores it as a snapshot for fast cold starts. */
const dir = defaultDataDir();
let records;
try {
  records = readDataRecords(dir);
} catch (e) {
  console.error(`chiplaw: the shipped data does not validate: ${(e as Error).message}`);
  process.exit(1);
}
writeFileSync(join(packageRoot(), 'dist', SNAPSHOT_FILE), JSON.stringify({ hash: hashDataDir(dir), records }));
console.log(`chiplaw: validated ${records.chips.length} chips, ${records.instruments.length} rule instruments and wrote dist/${SNAPSHOT_FILE}`);
