/** Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, doubled quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export interface ScreenQuery {
  name: string;
  country?: string;
}

/**
 * Reads parties to screen from CSV: a header naming a `name` column (and optionally `country`), or, without
 * such a header, the name in the first column and a two-letter country in the second.
 */
export function screenQueriesFromCsv(text: string): ScreenQuery[] {
  const rows = parseCsv(text);
  const header = rows[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  const nameAt = header.indexOf('name');
  const hasHeader = nameAt !== -1;
  const countryAt = hasHeader ? header.indexOf('country') : 1;
  return rows.slice(hasHeader ? 1 : 0).flatMap((r) => {
    const name = r[hasHeader ? nameAt : 0]?.trim() ?? '';
    if (!name) return [];
    const country = countryAt === -1 ? '' : (r[countryAt]?.trim().toUpperCase() ?? '');
    return [/^[A-Z]{2}$/.test(country) ? { name, country } : { name }];
  });
}
