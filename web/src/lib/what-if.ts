import { addDays, daysBetween } from './format.js';
import type { EccnVersion, InstrumentWithRules } from './types.js';

// "What would change if the date were ...": every /v1/check is recorded in the ledger, so the Check page asks about
// a handful of dates, not every day. The answer can only change where the law does: looking back, the day before
// a rule the decision cites came in (the order without it) and the day after one ended; looking ahead, the days
// on which any measure of the jurisdictions involved, or a new 3A090 version, starts, ends or stops being enforced.

export interface WhatIfDate {
  date: string;
  /** Why this date: what starts or ends on it. */
  because: string;
}

interface Candidate extends WhatIfDate {
  cited: boolean;
}

function candidates(on: string, instruments: InstrumentWithRules[], versions: EccnVersion[], cited: Set<string>, jurisdictions: Set<string>): Candidate[] {
  const out: Candidate[] = [];
  for (const inst of instruments) {
    for (const rule of inst.rules) {
      if (!cited.has(rule.id)) continue;
      out.push({ date: addDays(rule.from, -1), because: `before ${rule.id}`, cited: true });
      if (rule.to) out.push({ date: addDays(rule.to, 1), because: `${rule.id} has ended`, cited: true });
    }
    if (!jurisdictions.has(inst.jurisdiction)) continue;
    const ahead = [
      { date: inst.effective, because: `${inst.id} takes effect` },
      ...(inst.ends ? [{ date: addDays(inst.ends, 1), because: `${inst.id} has ended` }] : []),
      ...(inst.notEnforcedFrom ? [{ date: inst.notEnforcedFrom, because: `${inst.id} no longer enforced` }] : []),
    ];
    out.push(...ahead.filter((c) => c.date > on).map((c) => ({ ...c, cited: false })));
  }
  for (const v of versions) {
    const { id, effective, ends } = v.instrument;
    if (cited.has(id)) out.push({ date: addDays(effective, -1), because: `before ECCN 3A090 version ${id}`, cited: true });
    if (effective > on) out.push({ date: effective, because: `ECCN 3A090 version ${id} takes effect`, cited: false });
    if (ends && addDays(ends, 1) > on) out.push({ date: addDays(ends, 1), because: `ECCN 3A090 version ${id} has ended`, cited: false });
  }
  return out;
}

/**
 * Up to `max` dates other than `on` to decide the same order on, in date order: the nearest changes first, with a
 * change to a rule the decision cites counting as three times nearer (it is the likelier to change the answer).
 */
export function whatIfDates({ on, citedRules, jurisdictions, instruments, versions, max = 7 }: { on: string; citedRules: string[]; jurisdictions: string[]; instruments: InstrumentWithRules[]; versions: EccnVersion[]; max?: number }): WhatIfDate[] {
  const byDate = new Map<string, Candidate>();
  for (const c of candidates(on, instruments, versions, new Set(citedRules), new Set(jurisdictions))) {
    if (c.date === on) continue;
    const seen = byDate.get(c.date);
    if (!seen) byDate.set(c.date, c);
    else if (!seen.because.includes(c.because)) byDate.set(c.date, { date: c.date, because: `${seen.because}; ${c.because}`, cited: seen.cited || c.cited });
  }
  const weight = (c: Candidate) => Math.abs(daysBetween(on, c.date)) / (c.cited ? 3 : 1);
  return [...byDate.values()]
    .sort((a, b) => weight(a) - weight(b))
    .slice(0, max)
    .map(({ date, because }) => ({ date, because }))
    .sort((a, b) => a.date.localeCompare(b.date));
}
