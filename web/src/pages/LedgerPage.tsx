import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { obligationsChart } from '../charts/obligations.js';
import { Facts, JsonBlock, Loading, PageHeader, ProblemBox, TableScroll, VerdictBadge } from '../components/common.js';
import { DecisionView } from '../components/DecisionView.js';
import { PlotFigure } from '../components/PlotFigure.js';
import { api, type ApiError } from '../lib/api.js';
import { addDays, fmtTimestamp, fmtUsd, isIsoDate, todayIso, VERDICT_LABEL, words } from '../lib/format.js';
import { href, navigate, type Route } from '../lib/router.js';
import type { Decision, LedgerEntry } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';

const FILTERS = ['from', 'to', 'verdict', 'chip', 'party', 'kind'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
/** Kinds the API records (src/api/app.ts): decisions, screenings and every state change. */
const KINDS = ['check', 'screen', 'screen.batch', 'licence.create', 'licence.shipment', 'lists.import', 'key.create', 'key.revoke', 'session.sign_in'];

function ChainStatus() {
  const verify = useLoad('verify', (signal) => api.verifyLedger(signal));
  return (
    <section className="panel" aria-label="Chain verification" aria-busy={verify.state === 'loading'}>
      <div className="panel-title">
        <h2>Chain verification</h2>
        <button type="button" onClick={verify.reload} disabled={verify.state === 'loading'}>
          Verify again
        </button>
      </div>
      {verify.state === 'error' ? <ProblemBox error={verify.error} /> : null}
      {verify.state === 'loading' && !verify.data ? <Loading what="the verification" /> : null}
      {verify.data ? (
        <p className={`chain ${verify.data.ok ? 'chain-ok' : 'chain-broken'}`} data-testid="chain-status" data-ok={String(verify.data.ok)}>
          {verify.data.ok ? (
            <>
              <strong>OK</strong>: all {verify.data.entries} entries hash correctly and link to the one before. Head: #{verify.data.head.seq} <code>{verify.data.head.hash.slice(0, 16)}…</code>
            </>
          ) : (
            <>
              <strong>BROKEN</strong> at entry #{verify.data.first_broken?.seq} ({words(verify.data.first_broken?.reason)}); the {verify.data.entries} entries before it are intact.
            </>
          )}
        </p>
      ) : null}
    </section>
  );
}

function Obligations() {
  const today = todayIso();
  const [range, setRange] = useState({ from: '2022-01-01', to: addDays(today, 730) });
  const [draft, setDraft] = useState(range);
  const totals = useLoad(`obligations:${range.from}:${range.to}`, (signal) => api.obligations(range.from, range.to, signal));
  const data = totals.data?.totals;
  const build = useCallback((width: number) => obligationsChart({ totals: data ?? [], width }), [data]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setRange(draft);
  };
  return (
    <section className="panel" aria-label="Obligations by quarter">
      <h2>Obligations by quarter</h2>
      <form className="inline-form" onSubmit={apply}>
        <label>
          From <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          To <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit">Show</button>
      </form>
      {totals.state === 'error' ? <ProblemBox error={totals.error} /> : null}
      {!data && totals.state === 'loading' ? <Loading what="the obligations" /> : null}
      {data && !data.length ? <p className="muted">No decision between these dates recorded an amount owed.</p> : null}
      {data?.length ? (
        <>
          <PlotFigure build={build} label="Amounts owed per quarter, by payee and kind" testId="obligations-chart" />
          <TableScroll label="Obligation totals">
            <table className="data compact">
              <thead>
                <tr>
                  <th scope="col">Quarter</th>
                  <th scope="col">Payee</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col" className="num">
                    Decisions
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.map((t) => (
                  <tr key={`${t.quarter}:${t.payee}:${t.kind}`}>
                    <td>{t.quarter}</td>
                    <td>{t.payee}</td>
                    <td>{words(t.kind)}</td>
                    <td className="num">{fmtUsd(t.amount_usd)}</td>
                    <td className="num">{t.decision_ids.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </section>
  );
}

/** One page of decisions, and the pages after it on demand. Remounted (keyed) when the filters change. */
function DecisionList({ filters, selected }: { filters: Partial<Filters>; selected: string | null }) {
  const first = useLoad('first-page', (signal) => api.decisions({ ...filters, limit: 50 }, signal));
  const [later, setLater] = useState<{ entries: LedgerEntry[]; cursor: string | null; loading: boolean; error: ApiError | null }>({ entries: [], cursor: null, loading: false, error: null });
  const cursor = later.entries.length ? later.cursor : (first.data?.next_cursor ?? null);
  const entries = [...(first.data?.entries ?? []), ...later.entries];

  const loadMore = async () => {
    if (!cursor) return;
    setLater((l) => ({ ...l, loading: true, error: null }));
    try {
      const page = await api.decisions({ ...filters, limit: 50, cursor });
      setLater((l) => ({ entries: [...l.entries, ...page.entries], cursor: page.next_cursor, loading: false, error: null }));
    } catch (e) {
      setLater((l) => ({ ...l, loading: false, error: e as ApiError }));
    }
  };

  if (first.state === 'error') return <ProblemBox error={first.error} action={<button onClick={first.reload}>Retry</button>} />;
  if (!first.data) return <Loading what="the decisions" />;
  if (!entries.length) return <p className="muted">No ledger entry matches these filters.</p>;
  return (
    <>
      <TableScroll label="Ledger entries">
        <table className="data" data-testid="ledger-entries">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Recorded</th>
              <th scope="col">Kind</th>
              <th scope="col">Verdict</th>
              <th scope="col">Chip</th>
              <th scope="col">Parties</th>
              <th scope="col">Asked for</th>
              <th scope="col">Owed</th>
              <th scope="col">Caller</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className={e.id === selected ? 'current' : undefined}>
                <td>
                  <a href={href('ledger', { ...filters, id: e.id })} aria-label={`Entry ${e.seq}, full record`}>
                    {e.seq}
                  </a>
                </td>
                <td className="nowrap small">{fmtTimestamp(e.created_at)}</td>
                <td>{e.kind}</td>
                <td>{e.verdict ? <VerdictBadge verdict={e.verdict} /> : '—'}</td>
                <td>{e.chip ?? '—'}</td>
                <td className="small">{e.parties.join('; ') || '—'}</td>
                <td className="nowrap">{e.on_date ?? '—'}</td>
                <td className="num">{e.obligations.length ? fmtUsd(e.obligations.reduce((s, o) => s + (o.amount_usd ?? 0), 0)) : '—'}</td>
                <td className="small">
                  <code>{e.caller}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {later.error ? <ProblemBox error={later.error} /> : null}
      {cursor ? (
        <button type="button" onClick={() => void loadMore()} disabled={later.loading}>
          {later.loading ? 'Loading…' : 'Load older entries'}
        </button>
      ) : null}
    </>
  );
}

function EntryDetail({ id, close }: { id: string; close: string }) {
  const entry = useLoad(`entry:${id}`, (signal) => api.decision(id, signal));
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = entry.data?.id;
  // The record opens above the list the user clicked in: bring it into view and give it the keyboard focus.
  useEffect(() => {
    if (shown === undefined) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [shown]);
  if (entry.state === 'error') return <ProblemBox error={entry.error} action={<a href={close}>Close</a>} />;
  if (!entry.data) return <Loading what="the ledger entry" />;
  const e = entry.data;
  const decision = e.kind === 'check' && e.output && typeof e.output === 'object' && 'verdict' in e.output ? (e.output as Decision) : null;
  return (
    <section className="panel entry" aria-label={`Ledger entry ${e.seq}`} data-testid="entry-detail">
      <div className="panel-title">
        <h2 ref={heading} tabIndex={-1}>
          Entry #{e.seq}: {e.kind}
        </h2>
        <a href={close}>Close</a>
      </div>
      <Facts
        items={[
          ['Id', <code key="id">{e.id}</code>],
          ['Recorded', fmtTimestamp(e.created_at)],
          ['Caller', <code key="c">{e.caller}</code>],
          ['Idempotency key', e.idempotency_key ?? '—'],
          ['Rule set', <code key="r">{e.ruleset_hash}</code>],
          ['Lists', Object.entries(e.list_versions).map(([k, v]) => `${k} ${v.slice(0, 12)}…`).join(', ') || '—'],
          ['Hash', <code key="h">{e.hash}</code>],
          ['Previous hash', <code key="p">{e.prev_hash}</code>],
        ]}
      />
      {e.obligations.length ? (
        <p>
          Owed:{' '}
          {e.obligations.map((o) => `${fmtUsd(o.amount_usd)} to ${o.payee} (${words(o.kind)}${o.percent !== null ? ` ${o.percent}%` : ''}, due ${o.on_date})`).join('; ')}
        </p>
      ) : null}
      <h3>Input</h3>
      <JsonBlock value={e.input} label="Input as received" />
      <h3>Output</h3>
      {decision ? <DecisionView decision={decision} /> : null}
      <details>
        <summary>Output as recorded (JSON)</summary>
        <JsonBlock value={e.output} label="Output as recorded" />
      </details>
    </section>
  );
}

export function LedgerPage({ route }: { route: Route }) {
  const filters: Partial<Filters> = {};
  for (const f of FILTERS) {
    const v = route.query.get(f);
    if (v) filters[f] = v;
  }
  const selected = route.query.get('id');
  const [draft, setDraft] = useState<Filters>(() => ({ from: '', to: '', verdict: '', chip: '', party: '', kind: '', ...filters }));
  const filterKey = JSON.stringify(filters);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const bad = (['from', 'to'] as const).find((k) => draft[k] && !isIsoDate(draft[k]));
    if (!bad) navigate(href('ledger', draft));
  };

  return (
    <>
      <PageHeader title="Decision ledger" />
      <ChainStatus />
      {selected ? <EntryDetail id={selected} close={href('ledger', filters)} /> : null}
      <section className="panel" aria-label="Decisions">
        <h2>Decisions</h2>
        <form className="filters" onSubmit={apply} aria-label="Filter the ledger">
          <label>
            Recorded from <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </label>
          <label>
            to <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </label>
          <label>
            Kind
            <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
              <option value="">all</option>
              {KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <label>
            Verdict
            <select value={draft.verdict} onChange={(e) => setDraft({ ...draft, verdict: e.target.value })}>
              <option value="">all</option>
              {Object.entries(VERDICT_LABEL).map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Chip <input value={draft.chip} placeholder="nvidia-h20" onChange={(e) => setDraft({ ...draft, chip: e.target.value })} size={16} />
          </label>
          <label>
            Party <input value={draft.party} placeholder="part of a name" onChange={(e) => setDraft({ ...draft, party: e.target.value })} size={16} />
          </label>
          <button type="submit">Filter</button>
          {Object.keys(filters).length ? <a href={href('ledger')}>clear</a> : null}
        </form>
        <DecisionList key={filterKey} filters={filters} selected={selected} />
      </section>
      <Obligations />
    </>
  );
}
