import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { timelineBars, timelineChart, type TimelineBar } from '../charts/timeline.js';
import { ConfidenceBadge, ExternalLink, Facts, Loading, PageHeader, ProblemBox, TableScroll } from '../components/common.js';
import { PlotFigure } from '../components/PlotFigure.js';
import { api } from '../lib/api.js';
import { addDays, isIsoDate, todayIso, words } from '../lib/format.js';
import { href, navigate, type Route } from '../lib/router.js';
import type { EccnVersion, InstrumentWithRules, RuleSummary } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';

const TIMELINE_START = '2022-01-01';
const JURISDICTION_NAMES: Record<string, string> = { US: 'United States', CN: 'China', MY: 'Malaysia' };

/** Every instrument, with the ECCN 3A090 versions (which /v1/instruments does not list) as instruments too. */
function allInstruments(instruments: InstrumentWithRules[], versions: EccnVersion[]): InstrumentWithRules[] {
  const known = new Set(instruments.map((i) => i.id));
  const eccn = versions.filter((v) => !known.has(v.instrument.id)).map((v): InstrumentWithRules => ({ ...v.instrument, rules: [] }));
  return [...instruments, ...eccn];
}

function RuleList({ rules, empty }: { rules: RuleSummary[]; empty: string }) {
  if (!rules.length) return <p className="muted">{empty}</p>;
  return (
    <TableScroll label="Rules">
      <table className="data compact">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Effect</th>
            <th scope="col">In force</th>
            <th scope="col">Confidence</th>
            <th scope="col">Citation</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <td>
                <strong>{r.title}</strong>
                <br />
                <code className="small">{r.id}</code>
              </td>
              <td>{words(r.effect)}</td>
              <td className="nowrap">
                {r.from} → {r.to ?? 'no end'}
              </td>
              <td>
                <ConfidenceBadge confidence={r.confidence} />
              </td>
              <td>
                <ExternalLink href={r.url}>{r.citation}</ExternalLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function InstrumentDetail({ instrument: i }: { instrument: InstrumentWithRules }) {
  return (
    <section className="panel" aria-label="Selected instrument" data-testid="instrument-detail">
      <h2>{i.title}</h2>
      <Facts
        items={[
          ['Id', <code key="id">{i.id}</code>],
          ['Jurisdiction', JURISDICTION_NAMES[i.jurisdiction] ?? i.jurisdiction],
          ['Confidence', <ConfidenceBadge key="c" confidence={i.confidence} />],
          ['Published', i.published ?? '—'],
          ['Effective', i.effective],
          ['Compliance from', i.compliance ?? '—'],
          ['Ends', i.ends ?? 'no end date'],
          ['Not enforced from', i.notEnforcedFrom ?? '—'],
          ['Citation', <ExternalLink key="u" href={i.url}>{i.citation}</ExternalLink>],
        ]}
      />
      {i.notes ? <p className="notes">{i.notes}</p> : null}
      <h3>Rules</h3>
      <RuleList rules={i.rules} empty="This instrument is an ECCN 3A090 version: its tests are on the Chips page." />
    </section>
  );
}

function RulesDiff({ from, to }: { from: string; to: string }) {
  const diff = useLoad(`diff:${from}:${to}`, (signal) => api.rulesDiff(from, to, signal));
  if (diff.state === 'error') return <ProblemBox error={diff.error} />;
  if (!diff.data) return <Loading what="the diff" />;
  return (
    <div data-testid="rules-diff" aria-busy={diff.state === 'loading'}>
      <h3>
        In force on {to} but not on {from} ({diff.data.added.length})
      </h3>
      <RuleList rules={diff.data.added} empty="None." />
      <h3>
        In force on {from} but not on {to} ({diff.data.removed.length})
      </h3>
      <RuleList rules={diff.data.removed} empty="None." />
    </div>
  );
}

export function TimelinePage({ route }: { route: Route }) {
  const today = todayIso();
  const selected = route.query.get('id');
  const from = isIsoDate(route.query.get('from')) ? route.query.get('from')! : addDays(today, -365);
  const to = isIsoDate(route.query.get('to')) ? route.query.get('to')! : today;
  const [draft, setDraft] = useState({ from, to });

  const instruments = useLoad('instruments', (signal) => api.instruments(signal));
  const versions = useLoad('eccn', (signal) => api.eccn3a090(signal));
  const all = useMemo(() => (instruments.data && versions.data ? allInstruments(instruments.data, versions.data) : []), [instruments.data, versions.data]);
  const lastDate = all.reduce((max, i) => [i.effective, i.ends ?? '', i.notEnforcedFrom ?? ''].reduce((m, d) => (d > m ? d : m), max), today);
  const horizon = addDays(lastDate, 90);
  const domain = useMemo((): [string, string] => [TIMELINE_START, horizon], [horizon]);
  const byJurisdiction = useMemo(() => {
    const groups = new Map<string, TimelineBar[]>();
    for (const bar of timelineBars(all, horizon)) groups.set(bar.instrument.jurisdiction, [...(groups.get(bar.instrument.jurisdiction) ?? []), bar]);
    return [...groups.entries()].sort(([a], [b]) => (a === 'US' ? -1 : b === 'US' ? 1 : a.localeCompare(b)));
  }, [all, horizon]);
  const chosen = all.find((i) => i.id === selected) ?? null;

  const go = (query: { id?: string | null; from?: string; to?: string }) => navigate(href('timeline', { id: selected, from, to, ...query }), { replace: true });
  const select = useCallback((value: unknown) => navigate(href('timeline', { id: (value as TimelineBar).id, from, to }), { replace: true }), [from, to]);
  const marks = useMemo(
    () => [
      { date: today, label: 'today' },
      { date: from, label: `from ${from}` },
      { date: to, label: `to ${to}` },
    ].filter((m, i, list) => list.findIndex((n) => n.date === m.date) === i),
    [today, from, to],
  );

  const compare = (e: FormEvent) => {
    e.preventDefault();
    if (isIsoDate(draft.from) && isIsoDate(draft.to)) go({ from: draft.from, to: draft.to });
  };

  return (
    <>
      <PageHeader title="Timeline of measures" />
      {instruments.state === 'error' ? <ProblemBox error={instruments.error} /> : null}
      {versions.state === 'error' ? <ProblemBox error={versions.error} /> : null}
      {!all.length && (instruments.state === 'loading' || versions.state === 'loading') ? <Loading what="the instruments" /> : null}
      {byJurisdiction.map(([jurisdiction, bars]) => (
        <section className="panel" key={jurisdiction} aria-label={`Timeline: ${jurisdiction}`}>
          <h2>
            {JURISDICTION_NAMES[jurisdiction] ?? jurisdiction} <span className="muted small">({bars.length} instruments)</span>
          </h2>
          <TimelineChart bars={bars} domain={domain} marks={marks} selected={selected} onSelect={select} jurisdiction={jurisdiction} />
        </section>
      ))}
      {all.length ? <p className="muted small">Bars run from the effective date to the last day in force (an arrow: no end date); a grey core marks days in force but not enforced. Click a bar, or pick from the list, for the rules.</p> : null}

      {chosen ? <InstrumentDetail instrument={chosen} /> : null}

      {all.length ? (
        <section className="panel" aria-label="All instruments">
          <h2>All instruments</h2>
          <TableScroll label="Instruments">
            <table className="data compact" data-testid="instruments">
              <thead>
                <tr>
                  <th scope="col">Where</th>
                  <th scope="col">Instrument</th>
                  <th scope="col">Effective</th>
                  <th scope="col">Ends</th>
                  <th scope="col">Confidence</th>
                </tr>
              </thead>
              <tbody>
                {[...all]
                  .sort((a, b) => a.effective.localeCompare(b.effective))
                  .map((i) => (
                    <tr key={i.id} className={i.id === selected ? 'current' : undefined}>
                      <td>{i.jurisdiction}</td>
                      <td>
                        <button type="button" className="link-button" aria-pressed={i.id === selected} onClick={() => go({ id: i.id })}>
                          {i.title}
                        </button>
                      </td>
                      <td className="nowrap">{i.effective}</td>
                      <td className="nowrap">{i.ends ?? '—'}</td>
                      <td>
                        <ConfidenceBadge confidence={i.confidence} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}

      <section className="panel" aria-label="Rules changed between two dates">
        <h2>What changed between two dates</h2>
        <form className="inline-form" onSubmit={compare}>
          <label>
            From <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </label>
          <label>
            To <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </label>
          <button type="submit">Compare</button>
        </form>
        <RulesDiff from={from} to={to} />
      </section>
    </>
  );
}

function TimelineChart({ bars, domain, marks, selected, onSelect, jurisdiction }: { bars: TimelineBar[]; domain: [string, string]; marks: { date: string; label: string }[]; selected: string | null; onSelect: (v: unknown) => void; jurisdiction: string }) {
  const build = useCallback((width: number) => timelineChart({ bars, domain, width, marks, selected }), [bars, domain, marks, selected]);
  return <PlotFigure build={build} onSelect={onSelect} label={`Timeline of ${bars.length} ${jurisdiction} instruments by confidence`} testId={`timeline-${jurisdiction}`} />;
}
