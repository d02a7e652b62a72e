import type { Command } from 'commander';
import { diffLaw, lawInForce, summarizeClassification, summarizeRule as ruleSummary } from '../../core/decide/rules.js';
import { InputError } from '../../core/errors.js';
import type { Dataset } from '../../load/dataset.js';
import { parseDateOption, printJson } from '../io.js';

export function registerRules(program: Command, data: (ruleDirs?: string[]) => Promise<Dataset>): void {
  const rules = program.command('rules').description('inspect, validate and compare the rule set');

  rules
    .command('list')
    .description('rules in force on a date (all rules without --on)')
    .option('--on <date>', 'date YYYY-MM-DD')
    .option('--rules <dir>', 'extra rule directory (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--json', 'print JSON')
    .action(async (opts: { on?: string; rules: string[]; json?: boolean }) => {
      const d = await data(opts.rules);
      const law = { rules: d.rules, classifications: d.eccn3a090 };
      const list = opts.on
        ? lawInForce(law, parseDateOption(opts.on))
        : [...d.eccn3a090.map((c) => summarizeClassification(c.version.instrument)), ...d.rules.rules.map(ruleSummary)];
      if (opts.json) return printJson(list);
      for (const r of list) console.log(`${r.from} ${(r.to ?? '').padEnd(10)} ${r.jurisdiction} ${r.effect.padEnd(16)} ${r.id} [${r.confidence}]`);
      console.log(`\n${list.length} rules${opts.on ? ` in force on ${opts.on}` : ''}`);
    });

  rules
    .command('show')
    .description('one instrument or rule, with its dates and citation')
    .argument('<id>', 'instrument or rule id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const d = await data();
      const classification = d.eccn3a090.find((c) => c.version.instrument.id === id);
      if (classification) {
        const { instrument: about, ...version } = classification.version;
        const out = { ...about, effect: 'classification', ...version };
        return opts.json ? printJson(out) : console.log(JSON.stringify(out, null, 2));
      }
      const instrument = d.rules.instruments.find((i) => i.instrument.id === id);
      const rule = d.rules.byId.get(id);
      if (!instrument && !rule) throw new InputError(`rules show: no instrument or rule "${id}" (see "chiplaw rules list")`, 'id', id);
      const out = instrument
        ? { ...instrument.instrument, file: instrument.source, rules: d.rules.rules.filter((r) => r.instrument.id === id).map((r) => ({ ...ruleSummary(r), when: r.def.when, effect: r.def.effect })) }
        : { ...ruleSummary(rule!), when: rule!.def.when, effect: rule!.def.effect, priority: rule!.def.priority, overrides: rule!.def.overrides, instrument: rule!.instrument };
      if (opts.json) return printJson(out);
      console.log(JSON.stringify(out, null, 2));
    });

  rules
    .command('validate')
    .description('validate a directory of rule files together with the shipped rules')
    .argument('<dir>', 'directory of YAML rule files')
    .action(async (dir: string) => {
      const d = await data([dir]);
      const own = d.rules.instruments.filter((i) => i.source.startsWith(dir.replace(/\/$/, '')) || !i.source.startsWith(d.dataDir));
      console.log(`ok: ${own.length} instruments, ${own.reduce((n, i) => n + i.rules.length, 0)} rules in ${dir}; ${d.rules.rules.length} rules in the combined set`);
    });

  rules
    .command('diff')
    .description('what changed between two dates, with citations')
    .argument('<date1>')
    .argument('<date2>')
    .option('--json', 'print JSON')
    .action(async (date1: string, date2: string, opts: { json?: boolean }) => {
      const d1 = parseDateOption(date1, 'date1');
      const d2 = parseDateOption(date2, 'date2');
      const d = await data();
      const out = { from: d1, to: d2, ...diffLaw({ rules: d.rules, classifications: d.eccn3a090 }, d1, d2) };
      if (opts.json) return printJson(out);
      console.log(`Rules in force on ${d2} but not on ${d1}: ${out.added.length}`);
      for (const r of out.added) console.log(`  + ${r.from} ${r.id}: ${r.title}\n      ${r.citation} [${r.confidence}]`);
      console.log(`Rules in force on ${d1} but not on ${d2}: ${out.removed.length}`);
      for (const r of out.removed) console.log(`  - ${r.to ?? ''} ${r.id}: ${r.title}\n      ${r.citation} [${r.confidence}]`);
    });
}
