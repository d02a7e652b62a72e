import type { ChipClassification } from '../core/classify/chip-report.js';

export function formatNumber(x: number | null, digits = 0): string {
  if (x === null) return 'unknown';
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function classificationLabel(c: Pick<ChipClassification, 'status' | 'eccn' | 'possible_eccns'>): string {
  if (c.status === 'controlled') return c.eccn ?? 'controlled';
  if (c.status === 'not_controlled') return 'not 3A090';
  return `insufficient data${c.possible_eccns?.length ? ` (maybe ${c.possible_eccns.join('/')})` : ''}`;
}

/** A short explanation a compliance officer can read in a terminal. */
export function formatClassification(c: ChipClassification): string {
  const lines: string[] = [];
  lines.push(`${c.vendor ?? 'unknown vendor'} ${c.name} (${c.chip}) on ${c.on}: ${classificationLabel(c)}`);
  lines.push(`  TPP ${formatNumber(c.tpp, 1)}, performance density ${formatNumber(c.pd, 3)}`);
  if (!c.rule) {
    lines.push('  No version of ECCN 3A090 was in force on this date (first in force 2022-10-07).');
    return lines.join('\n');
  }
  lines.push(`  Rule: ${c.rule.id}, ${c.rule.citation}`);
  lines.push(`        ${c.rule.url}`);
  for (const t of c.tests) {
    const mark = t.outcome === 'met' ? '[x]' : t.outcome === 'unknown' ? '[?]' : '[ ]';
    const inputs = Object.entries(t.inputs)
      .map(([k, v]) => `${k.replace('chip.', '')}=${v === null ? 'unknown' : typeof v === 'number' ? formatNumber(v, 3) : String(v)}`)
      .join(', ');
    lines.push(`  ${mark} ${t.test}: ${t.text} (${inputs})`);
  }
  if (c.status === 'insufficient_data') lines.push(`  Missing: ${c.missing.join(', ')}; the answer depends on them.`);
  return lines.join('\n');
}
