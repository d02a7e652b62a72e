import type { Command } from 'commander';
import { classifyChip } from '../../core/classify/chip-report.js';
import { chipMetrics } from '../../core/catalog/facts.js';
import { InputError } from '../../core/errors.js';
import type { Dataset } from '../../load/dataset.js';
import { formatClassification, formatNumber, classificationLabel } from '../format.js';
import { parseDateOption, printJson, readJsonInput } from '../io.js';

export function lookupChip(data: Dataset, id: string) {
  const entry = data.catalog.get(id);
  if (!entry) throw new InputError(`chip: unknown chip id "${id}" (run "chiplaw chips" for the catalog)`, 'chip', id);
  return entry;
}

export function registerClassify(program: Command, data: () => Promise<Dataset>): void {
  program
    .command('classify')
    .description('classify a catalog chip, or a spec, under ECCN 3A090 as of a date')
    .argument('[chip-id]', 'catalog id, e.g. nvidia-h20')
    .option('--spec <file>', 'a chip spec as JSON, or - for standard input')
    .option('--on <date>', 'date YYYY-MM-DD (default: today)')
    .option('--json', 'print one JSON object')
      .action(async (chipId: string | undefined, opts: { spec?: string; on?: string; json?: boolean }) => {
      const on = parseDateOption(opts.on);
      if ((chipId === undefined) === (opts.spec === undefined)) {
        throw new InputError('classify: give either a chip id or --spec <file>, not both or neither', 'chip');
      }
      const d = await data();
      const entry = opts.spec !== undefined ? await specEntry(d, readJsonInput(opts.spec, '--spec')) : lookupChip(d, chipId!);
      const result = classifyChip(entry.chip, entry.metrics, d.eccn3a090, on);
      if (opts.json) printJson(result);
      else console.log(formatClassification(result));
    });

  program
    .command('chips')
    .description("list the catalog with TPP, performance density and today's classification")
    .option('--on <date>', 'classify as of this date instead of today')
    .option('--json', 'print a JSON array')
    .action(async (opts: { on?: string; json?: boolean }) => {
      const on = parseDateOption(opts.on);
      const d = await data();
      const rows = [...d.catalog.values()].map((e) => classifyChip(e.chip, e.metrics, d.eccn3a090, on));
      if (opts.json) {
        printJson(rows.map(({ tests: _tests, ...row }) => ({ ...row, status_detail: d.catalog.get(row.chip)!.chip.status })));
        return;
      }
      const header = ['id', 'vendor', 'name', 'TPP', 'PD', `3A090 on ${on}`];
      const table = rows.map((r) => [r.chip, r.vendor ?? 'unknown vendor', r.name, formatNumber(r.tpp, 1), formatNumber(r.pd, 2), classificationLabel(r)]);
      const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
      const line = (cells: string[]) => cells.map((c, i) => (i === 3 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
      console.log(line(header));
      for (const row of table) console.log(line(row));
      console.log(`\n${rows.length} chips; rule data in ${d.dataDir}`);
    });
}

/** Spec validation pulls in the schema library, so it is loaded only when a spec is given. */
export async function specEntry(d: Dataset, input: unknown) {
  const { chipFromSpec } = await import('../../load/spec.js');
  const chip = chipFromSpec(input, 'spec', d.vendors);
  return { chip, metrics: chipMetrics(chip, d.pcie) };
}
