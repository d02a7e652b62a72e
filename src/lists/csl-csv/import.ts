import { CsvError, parse } from 'csv-parse/sync';
import { InputError } from '../../core/errors.js';
import type { ListEntry } from '../../core/screening/index.js';
import { entryFromCsl } from '../csl-record.js';

/**
 * Columns screening reads, out of the CSL's 29 (screening.md §1.2: the header is the same in the 2022 and 2025
 * files); a file without any of them is not a CSL file. Other columns are allowed, so an added column does not
 * break the import.
 */
const REQUIRED_COLUMNS = ['source', 'name', 'alt_names', 'addresses', 'federal_register_notice', 'start_date', 'license_requirement', 'license_policy'];

/** Multi-valued CSV cells are joined by "; " (addresses: not split on "; and", which is inside BIS free text). */
const splitValues = (cell: string | undefined) => (cell ?? '').split(';').map((s) => s.trim()).filter(Boolean);
const splitAddresses = (cell: string | undefined) => (cell ?? '').split(/;\s+(?!and\b)/).map((s) => s.trim()).filter(Boolean);

/**
 * Parses the CSL bulk CSV (header row, every value quoted, UTF-8). Every row must parse: a list import is all or
 * nothing, and the error names the file, the row and the line.
 */
export function parseCslCsv(text: string, file: string): ListEntry[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: false });
  } catch (e) {
    if (e instanceof CsvError) {
      const row = (e as CsvError & { records?: number }).records;
      throw new InputError(`${file}: malformed CSV${row !== undefined ? ` at data row ${row + 1}` : ''}: ${e.message}`, 'file', file);
    }
    throw e;
  }
  if (rows.length === 0) throw new InputError(`${file}: no data rows`, 'file', file);
  const missing = REQUIRED_COLUMNS.filter((c) => !(c in rows[0]!));
  if (missing.length > 0) {
    throw new InputError(`${file}: not a CSL CSV file, missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, 'file', file);
  }
  return rows.map((r, i) =>
    entryFromCsl(
      {
        source_id: r._id ?? '',
        source: r.source ?? '',
        entity_number: r.entity_number ?? '',
        name: r.name ?? '',
        addresses: splitAddresses(r.addresses),
        countries: [],
        federal_register_notice: r.federal_register_notice ?? '',
        start_date: r.start_date ?? '',
        license_requirement: r.license_requirement ?? '',
        license_policy: r.license_policy ?? '',
        alt_names: splitValues(r.alt_names),
      },
      `${file}: data row ${i + 1}`,
    ),
  );
}
