import type { Command } from 'commander';
import { decide, type Decision } from '../../core/decide/decide.js';
import { InputError } from '../../core/errors.js';
import type { Dataset } from '../../load/dataset.js';
import { formatNumber } from '../format.js';
import { printJson, readJsonInput } from '../io.js';
import { loadPartyScreen } from '../parties.js';
import { decisionRecord } from '../../service/decision-record.js';
import { defaultDatabase } from '../../service/paths.js';
import { cliCaller } from './admin.js';

interface CheckOptions {
  chip?: string;
  spec?: string;
  order?: string;
  to?: string;
  qty?: string;
  unitPrice?: string;
  buyer?: string;
  buyerHq?: string;
  endUser?: string;
  endUserHq?: string;
  endUse?: string;
  stateFunded?: boolean;
  seller?: string;
  exportedFrom?: string;
  on?: string;
  rules: string[];
  licences?: string;
  record?: boolean;
  db?: string;
  json?: boolean;
}

function numberOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InputError(`${flag}: "${value}" is not a number`, flag, value);
  return n;
}

/** Turns flags into the same JSON order `--order` takes, so both paths share one validation. */
function orderFromFlags(o: CheckOptions): Record<string, unknown> {
  if (o.to === undefined) throw new InputError('check: --to <CC> is required (or give --order <file>)', '--to');
  if ((o.chip === undefined) === (o.spec === undefined)) throw new InputError('check: give exactly one of --chip <id> or --spec <file>', '--chip');
  const order: Record<string, unknown> = { to: o.to };
  if (o.chip !== undefined) order.chip = o.chip;
  if (o.spec !== undefined) order.spec = readJsonInput(o.spec, '--spec');
  const set = (key: string, value: unknown) => {
    if (value !== undefined) order[key] = value;
  };
  set('qty', numberOption(o.qty, '--qty'));
  set('unit_price', numberOption(o.unitPrice, '--unit-price'));
  set('buyer', o.buyer);
  set('buyer_hq', o.buyerHq);
  set('end_user', o.endUser);
  set('end_user_hq', o.endUserHq);
  set('end_use', o.endUse);
  if (o.stateFunded) order.state_funded = true;
  set('seller', o.seller);
  set('exported_from', o.exportedFrom);
  set('on', o.on);
  return order;
}

export function registerCheck(program: Command, data: (ruleDirs?: string[]) => Promise<Dataset>): void {
  program
    .command('check')
    .description('decide whether an order may ship on a date, on what terms, and why')
    .option('--chip <id>', 'catalog chip id')
    .option('--spec <file>', 'chip spec JSON file, or - for standard input')
    .option('--order <file>', 'the whole order as JSON, or - for standard input')
    .option('--to <CC>', 'destination, ISO 3166 alpha-2')
    .option('--qty <n>', 'units')
    .option('--unit-price <usd>', 'price per unit in USD')
    .option('--buyer <name>', 'buyer (screened against the lists)')
    .option('--buyer-hq <CC>', "buyer's headquarters (or ultimate parent's), ISO alpha-2")
    .option('--end-user <name>', 'end user (screened against the lists)')
    .option('--end-user-hq <CC>', "end user's headquarters, ISO alpha-2")
    .option('--end-use <text>', 'intended end use')
    .option('--state-funded', 'the project receives state funds (China data-centre guidance)')
    .option('--seller <name>', 'exporter; must match the holder of a licence to use it')
    .option('--exported-from <CC>', 'country the goods leave from (default US)')
    .option('--on <date>', 'date YYYY-MM-DD (default: today)')
    .option('--rules <dir>', 'extra rule directory (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--licences <file>', 'licence register (YAML or JSON)')
    .option('--record', 'append the decision to the ledger (see --db)')
    .option('--db <path|url>', 'ledger database for --record: SQLite file or postgres:// URL (default .chiplaw/chiplaw.sqlite)')
    .option('--json', 'print one JSON object')
    .action(async (opts: CheckOptions) => {
      if (opts.order !== undefined) {
        const conflicting = (['chip', 'spec', 'to'] as const).filter((k) => opts[k] !== undefined);
        if (conflicting.length > 0) throw new InputError(`check: --order already holds the order; drop --${conflicting[0]}`, '--order');
      }
      const input = opts.order !== undefined ? readJsonInput(opts.order, '--order') : orderFromFlags(opts);
      const d = await data(opts.rules);
      const { parseOrder } = await import('../../load/order.js');
      const order = parseOrder(input, d);
      const licences = opts.licences ? (await import('../../load/licences.js')).loadLicenceFile(opts.licences, (id) => d.catalog.has(id)) : [];
      const parties = order.buyer?.name || order.endUser?.name ? await loadPartyScreen(d.listingRules) : null;
      const decision = decide(order, {
        eccn: d.eccn3a090,
        rules: d.rules,
        countries: d.countries,
        screen: parties?.screen ?? (() => []),
        endUseTags: d.endUseTags,
        licences,
        rulesetHash: d.hash,
      });
      if (opts.record) await recordDecision(input, decision, parties?.listVersion ?? null, opts.db);
      if (opts.json) printJson(decision);
      else console.log(formatDecision(decision, order.to));
    });
}

/** Appends a CLI decision to the ledger, attributed to the local user. */
async function recordDecision(input: unknown, decision: Decision, listVersion: string | null, db: string | undefined): Promise<void> {
  const { openStore } = await import('../../store/index.js');
  const store = await openStore(db ?? defaultDatabase());
  try {
    const { entry } = await store.appendDecision(decisionRecord(input, decision, cliCaller(), listVersion ? { csl: listVersion } : {}));
    process.stderr.write(`chiplaw: recorded as ledger entry ${entry.seq} (${entry.id})\n`);
  } finally {
    await store.close();
  }
}

const VERDICT_LABEL: Record<Decision['verdict'], string> = {
  allowed: 'ALLOWED',
  allowed_with_conditions: 'ALLOWED WITH CONDITIONS',
  licence_required: 'LICENCE REQUIRED',
  prohibited: 'PROHIBITED',
  review: 'REVIEW',
};

export function formatDecision(d: Decision, to: string): string {
  const lines: string[] = [];
  const c = d.chip;
  lines.push(`${VERDICT_LABEL[d.verdict]}: ${c.vendor ?? 'unknown vendor'} ${c.name} to ${to} on ${d.on}`);
  const cls = c.status === 'controlled' ? c.eccn : c.status === 'not_controlled' ? 'not in 3A090' : 'classification needs missing data';
  lines.push(`  Chip: ${cls} (TPP ${formatNumber(c.tpp, 1)}, PD ${formatNumber(c.pd, 2)})`);
  const e = d.export;
  const terms = e.licence_required
    ? `licence required${e.review_policy ? `, ${e.review_policy.replace(/_/g, ' ')}` : ', no published review policy'}`
    : e.exception
      ? `licence exception ${e.exception}${e.notification_days ? `, notify BIS ${e.notification_days} days before export` : ''}`
      : e.licence
        ? `covered by licence ${e.licence.number}`
        : 'no licence required';
  lines.push(`  Export (US): ${terms}`);
  if (e.licence) lines.push(`  Licence ${e.licence.number}: ${e.licence.quantity_left ?? 'no'} units and USD ${e.licence.value_left_usd ?? 'no'} limit left`);
  for (const r of e.licences_rejected ?? []) lines.push(`  Licence ${r.number} not usable: ${r.reason}`);
  lines.push(`  Import (${d.import.jurisdiction}): ${d.import.status}`);
  for (const m of d.import.measures) lines.push(`    - ${m.measure} [${m.confidence}]`);
  for (const o of d.obligations) {
    lines.push(
      o.kind === 'notification'
        ? `  Obligation: notify ${o.payee} ${o.days} days before export`
        : `  Obligation: ${o.kind.replace('_', ' ')} ${o.percent}% to ${o.payee}${o.amount_usd !== null ? ` = USD ${formatNumber(o.amount_usd, 2)}` : ' (amount needs quantity and unit price)'}`,
    );
  }
  if (d.parties.length === 0) lines.push('  Parties: none named; restricted-party screening was not performed');
  for (const p of d.parties) {
    const hits = p.matches.map((m) => `${m.list} "${m.name}" via "${m.matched_alias}" (${m.score.toFixed(2)}, ${m.verdict})`).join('; ');
    lines.push(`  ${p.role === 'buyer' ? 'Buyer' : 'End user'}: ${p.name ?? '(not named)'}${p.hq ? `, HQ ${p.hq}` : ''}: ${hits || (p.name ? 'no list match' : 'not screened')}`);
  }
  lines.push('  Reasons:');
  const mark = { applies: '+', unknown: '?', overridden: '-', context: 'i' } as const;
  for (const r of d.reasons) {
    lines.push(`   ${mark[r.outcome]} ${r.title}: ${r.effect}${r.detail ? ` (${r.detail})` : ''}`);
    lines.push(`     ${r.citation} [${r.confidence}] ${r.url}`);
    if (r.missing?.length) lines.push(`     missing: ${r.missing.join(', ')}`);
  }
  lines.push(`  Rule set ${d.ruleset.hash.slice(0, 12)} as of ${d.ruleset.as_of}`);
  return lines.join('\n');
}
