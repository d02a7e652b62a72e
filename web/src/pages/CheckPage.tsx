import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { whatIfChart, type VerdictPoint } from '../charts/what-if.js';
import { Loading, PageHeader, ProblemBox, VerdictBadge } from '../components/common.js';
import { DecisionView } from '../components/DecisionView.js';
import { PlotFigure } from '../components/PlotFigure.js';
import { api, ApiError } from '../lib/api.js';
import { fmtNum, isIsoDate, todayIso, words } from '../lib/format.js';
import { formFromQuery, orderFromForm, PRECISIONS, queryFromForm, queryHasOrder, type OrderForm } from '../lib/order.js';
import { href, navigate, type Route } from '../lib/router.js';
import { hasRole, useRole } from '../lib/session.js';
import type { ChipRow, Country, Decision } from '../lib/types.js';
import { useLoad } from '../lib/use-load.js';
import { whatIfDates } from '../lib/what-if.js';

/** The input a problem's `field` points at: `order.spec.die_area_mm2` and `spec.die_area_mm2` both name the spec field. */
function problemField(error: ApiError | undefined): string | null {
  const field = error?.problem.field;
  return field ? field.replace(/^(order|body)\./, '') : null;
}

function Field({ label, name, error, children, wide = false }: { label: string; name: string; error: string | null; children: ReactNode; wide?: boolean }) {
  const invalid = error !== null && (error === name || error.startsWith(`${name}.`));
  return (
    <div className={`field${invalid ? ' invalid' : ''}${wide ? ' wide' : ''}`} data-field={name}>
      <label>
        <span className="field-label">{label}</span>
        {children}
      </label>
      {invalid ? <span className="field-error">this field was refused, see below</span> : null}
    </div>
  );
}

function CountrySelect({ value, onChange, countries, optional, id, invalid, unsetLabel = '(unknown)' }: { value: string; onChange: (v: string) => void; countries: Country[]; optional: boolean; id: string; invalid: boolean; unsetLabel?: string }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || undefined}>
      <option value="">{optional ? unsetLabel : 'choose…'}</option>
      {countries.map((c) => (
        <option key={c.code} value={c.code}>
          {c.code} — {c.name}
        </option>
      ))}
    </select>
  );
}

function OrderFormView({ initial, chips, countries, disabled, error, onSubmit }: { initial: OrderForm; chips: ChipRow[]; countries: Country[]; disabled: boolean; error: string | null; onSubmit: (form: OrderForm) => void }) {
  const [form, setForm] = useState(initial);
  useEffect(() => setForm(initial), [initial]);
  const set = <K extends keyof OrderForm>(key: K, value: OrderForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setSpec = <K extends keyof OrderForm['spec']>(key: K, value: OrderForm['spec'][K]) => setForm((f) => ({ ...f, spec: { ...f.spec, [key]: value } }));
  const byVendor = useMemo(() => {
    const groups = new Map<string, ChipRow[]>();
    for (const c of [...chips].sort((a, b) => a.name.localeCompare(b.name))) groups.set(c.vendor, [...(groups.get(c.vendor) ?? []), c]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [chips]);
  const invalid = (name: string) => error !== null && (error === name || error.startsWith(`${name}.`));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(form);
  };

  return (
    <form className="panel order-form" onSubmit={submit} aria-label="Order" data-testid="order-form">
      <fieldset className="chip-choice">
        <legend>Chip</legend>
        <label className="inline">
          <input type="radio" name="mode" checked={form.mode === 'chip'} onChange={() => set('mode', 'chip')} /> from the catalog
        </label>
        <label className="inline">
          <input type="radio" name="mode" checked={form.mode === 'spec'} onChange={() => set('mode', 'spec')} /> custom spec
        </label>
      </fieldset>
      {form.mode === 'chip' ? (
        <Field label="Catalog chip" name="chip" error={error} wide>
          <select name="chip" value={form.chip} onChange={(e) => set('chip', e.target.value)} required aria-invalid={invalid('chip') || undefined}>
            <option value="">choose a chip…</option>
            {byVendor.map(([vendor, list]) => (
              <optgroup key={vendor} label={vendor}>
                {list.map((c) => (
                  <option key={c.chip} value={c.chip}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
      ) : (
        <fieldset className="spec" aria-label="Custom chip spec">
          <legend>Custom spec (dense throughput in TFLOPS / TOPS)</legend>
          <div className="grid">
            <Field label="Name" name="spec.name" error={error}>
              <input value={form.spec.name} onChange={(e) => setSpec('name', e.target.value)} required />
            </Field>
            <Field label="Vendor" name="spec.vendor" error={error}>
              <input value={form.spec.vendor} onChange={(e) => setSpec('vendor', e.target.value)} />
            </Field>
            <Field label="Datacenter part" name="spec.datacenter" error={error}>
              <select value={form.spec.datacenter} onChange={(e) => setSpec('datacenter', e.target.value)}>
                <option value="">unknown</option>
                <option value="yes">yes</option>
                <option value="no">no</option>
              </select>
            </Field>
            <Field label="Die area, all logic dies (mm²)" name="spec.die_area_mm2" error={error}>
              <input inputMode="decimal" value={form.spec.die_area_mm2} onChange={(e) => setSpec('die_area_mm2', e.target.value)} />
            </Field>
            <Field label="Memory bandwidth (GB/s)" name="spec.memory_bandwidth_gbps" error={error}>
              <input inputMode="decimal" value={form.spec.memory_bandwidth_gbps} onChange={(e) => setSpec('memory_bandwidth_gbps', e.target.value)} />
            </Field>
            <Field label="Chip-to-chip I/O (GB/s)" name="spec.interconnect_gbps" error={error}>
              <input inputMode="decimal" value={form.spec.interconnect_gbps} onChange={(e) => setSpec('interconnect_gbps', e.target.value)} />
            </Field>
            {PRECISIONS.map((p) => (
              <Field key={p} label={p.toUpperCase()} name={`spec.dense_tops.${p}`} error={error}>
                <input inputMode="decimal" value={form.spec.dense_tops[p]} onChange={(e) => setSpec('dense_tops', { ...form.spec.dense_tops, [p]: e.target.value })} />
              </Field>
            ))}
            <label className="inline">
              <input type="checkbox" checked={form.spec.hbm} onChange={(e) => setSpec('hbm', e.target.checked)} /> the item is an HBM stack
            </label>
          </div>
        </fieldset>
      )}

      <div className="grid">
        <Field label="Destination" name="to" error={error}>
          <CountrySelect id="order-to" value={form.to} onChange={(v) => set('to', v)} countries={countries} optional={false} invalid={invalid('to')} />
        </Field>
        <Field label="Date" name="on" error={error}>
          <input type="date" name="on" value={form.on} onChange={(e) => set('on', e.target.value)} aria-invalid={invalid('on') || undefined} />
        </Field>
        <Field label="Quantity" name="qty" error={error}>
          <input name="qty" inputMode="numeric" value={form.qty} onChange={(e) => set('qty', e.target.value)} aria-invalid={invalid('qty') || undefined} />
        </Field>
        <Field label="Unit price (USD)" name="unit_price" error={error}>
          <input name="unit_price" inputMode="decimal" value={form.unit_price} onChange={(e) => set('unit_price', e.target.value)} aria-invalid={invalid('unit_price') || undefined} />
        </Field>
        <Field label="Buyer" name="buyer" error={error}>
          <input name="buyer" value={form.buyer} onChange={(e) => set('buyer', e.target.value)} />
        </Field>
        <Field label="Buyer HQ" name="buyer_hq" error={error}>
          <CountrySelect id="order-buyer-hq" value={form.buyer_hq} onChange={(v) => set('buyer_hq', v)} countries={countries} optional invalid={invalid('buyer_hq')} />
        </Field>
        <Field label="End user" name="end_user" error={error}>
          <input name="end_user" value={form.end_user} onChange={(e) => set('end_user', e.target.value)} />
        </Field>
        <Field label="End user HQ" name="end_user_hq" error={error}>
          <CountrySelect id="order-end-user-hq" value={form.end_user_hq} onChange={(v) => set('end_user_hq', v)} countries={countries} optional invalid={invalid('end_user_hq')} />
        </Field>
        <Field label="Seller" name="seller" error={error}>
          <input name="seller" value={form.seller} onChange={(e) => set('seller', e.target.value)} />
        </Field>
        <Field label="Exported from" name="exported_from" error={error}>
          <CountrySelect id="order-exported-from" value={form.exported_from} onChange={(v) => set('exported_from', v)} countries={countries} optional unsetLabel="US (default)" invalid={invalid('exported_from')} />
        </Field>
        <Field label="End use" name="end_use" error={error} wide>
          <input name="end_use" value={form.end_use} placeholder="e.g. training a language model in a commercial datacenter" onChange={(e) => set('end_use', e.target.value)} />
        </Field>
        <label className="inline">
          <input type="checkbox" checked={form.state_funded} onChange={(e) => set('state_funded', e.target.checked)} /> state-funded datacenter
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={disabled}>
          Check the order
        </button>
        {disabled ? <span className="muted">Checking an order needs the analyst role.</span> : null}
      </div>
    </form>
  );
}

type WhatIfOutcome = { state: 'pending' } | { state: 'ok'; decision: Decision } | { state: 'error'; error: ApiError };

/** The same order decided on the dates where the law around it changes, plus any date the user adds. */
function WhatIf({ order, decision, query }: { order: Record<string, unknown>; decision: Decision; query: Record<string, string> }) {
  const instruments = useLoad('instruments', (signal) => api.instruments(signal));
  const versions = useLoad('eccn', (signal) => api.eccn3a090(signal));
  const [added, setAdded] = useState<string[]>([]);
  const [candidate, setCandidate] = useState('');
  const [outcomes, setOutcomes] = useState<Map<string, WhatIfOutcome>>(new Map());
  // Each date is asked once per order (the page remounts this component for another order): every call is recorded.
  const asked = useRef(new Set<string>());

  const suggested = useMemo(() => {
    if (!instruments.data || !versions.data) return [];
    const jurisdictions = ['US', decision.import.jurisdiction, String(order.to ?? '')].filter(Boolean);
    const cited = [...decision.reasons.map((r) => r.rule), ...decision.import.measures.map((m) => m.rule)];
    return whatIfDates({ on: decision.on, citedRules: cited, jurisdictions, instruments: instruments.data, versions: versions.data });
  }, [instruments.data, versions.data, decision, order.to]);
  const dates = useMemo(() => {
    const all = new Map<string, string>(suggested.map((s) => [s.date, s.because]));
    for (const d of added) if (!all.has(d)) all.set(d, 'added by you');
    all.delete(decision.on);
    return [...all.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [suggested, added, decision.on]);

  useEffect(() => {
    const fresh = dates.map(([date]) => date).filter((date) => !asked.current.has(date));
    if (!fresh.length) return;
    for (const date of fresh) asked.current.add(date);
    const settle = (outcomeOf: (date: string, i: number) => WhatIfOutcome) =>
      setOutcomes((m) => {
        const next = new Map(m);
        fresh.forEach((date, i) => next.set(date, outcomeOf(date, i)));
        return next;
      });
    settle(() => ({ state: 'pending' }));
    // One request for all the new dates; the server still decides and records each order on its own.
    api.checkBatch(fresh.map((on) => ({ ...order, on }))).then(
      ({ results }) =>
        settle((_date, i) => {
          const r = results[i];
          if (!r) return { state: 'error', error: new ApiError({ title: 'Missing answer', status: 0, detail: 'the server answered fewer orders than were sent' }) };
          return 'error' in r ? { state: 'error', error: new ApiError({ title: 'Bad request', ...r.error }) } : { state: 'ok', decision: r.decision };
        }),
      (error: ApiError) => settle(() => ({ state: 'error', error })),
    );
  }, [dates, order]);

  const points: VerdictPoint[] = useMemo(() => {
    const list: VerdictPoint[] = [{ date: decision.on, verdict: decision.verdict, asked: true }];
    for (const [date] of dates) {
      const o = outcomes.get(date);
      if (o?.state === 'ok') list.push({ date, verdict: o.decision.verdict, asked: false });
    }
    return list;
  }, [dates, outcomes, decision]);
  const build = useCallback((width: number) => whatIfChart({ points, width }), [points]);
  const openDate = useCallback((value: unknown) => navigate(href('check', { ...query, on: (value as VerdictPoint).date })), [query]);

  const rows: [string, string, WhatIfOutcome][] = [...dates.map(([d, why]): [string, string, WhatIfOutcome] => [d, why, outcomes.get(d) ?? { state: 'pending' }]), [decision.on, 'the order as asked', { state: 'ok', decision }]];
  rows.sort(([a], [b]) => a.localeCompare(b));

  const summary = (d: Decision) =>
    [d.export.licence_required ? 'licence needed' : d.export.exception ? `exception ${d.export.exception}` : 'no licence needed', ...d.obligations.map((o) => (o.percent !== null ? `${fmtNum(o.percent)}% ${words(o.kind)}` : words(o.kind))), d.import.status !== 'none' ? `import: ${words(d.import.status)}` : ''].filter(Boolean).join(' · ');

  return (
    <section className="panel" aria-label="What if the date were different" data-testid="what-if">
      <h2>What if the date were…</h2>
      <p className="muted small">The same order decided where a rule it cites, or another measure of the jurisdictions involved, starts or stops. Each of these checks is recorded in the ledger.</p>
      {instruments.state === 'error' ? <ProblemBox error={instruments.error} /> : null}
      {versions.state === 'error' ? <ProblemBox error={versions.error} /> : null}
      <PlotFigure build={build} onSelect={openDate} label="Verdict of the same order on several dates" />
      <table className="data compact stack-on-phone">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Verdict</th>
            <th scope="col">Terms</th>
            <th scope="col">Why this date</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([date, why, o]) => (
            <tr key={date} className={date === decision.on ? 'current' : undefined}>
              <td>
                <a href={href('check', { ...query, on: date })}>{date}</a>
              </td>
              <td data-label="Verdict">
                {o.state === 'ok' ? <VerdictBadge verdict={o.decision.verdict} /> : o.state === 'pending' ? <span className="muted">checking…</span> : <span className="error-text">{o.error.problem.detail}</span>}
              </td>
              <td className="small" data-label="Terms">
                {o.state === 'ok' ? summary(o.decision) : ''}
              </td>
              <td className="small muted" data-label="Why">
                {why}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (isIsoDate(candidate)) setAdded((a) => [...a, candidate]);
        }}
      >
        <label>
          Another date <input type="date" value={candidate} onChange={(e) => setCandidate(e.target.value)} />
        </label>
        <button type="submit" disabled={!isIsoDate(candidate)}>
          Decide on that date too
        </button>
      </form>
    </section>
  );
}

export function CheckPage({ route }: { route: Route }) {
  const role = useRole();
  const canCheck = hasRole(role, 'analyst');
  const today = todayIso();
  const queryText = route.query.toString();
  const initial = useMemo(() => formFromQuery(new URLSearchParams(queryText), today), [queryText, today]);
  const order = useMemo(() => orderFromForm(initial), [initial]);
  const orderKey = canCheck && queryHasOrder(new URLSearchParams(queryText)) ? queryText : null;

  const chips = useLoad('chips-today', (signal) => api.chips(today, signal));
  const countries = useLoad('countries', (signal) => api.countries(today, signal));
  const result = useLoad(orderKey === null ? null : `check:${orderKey}`, (signal) => api.check(order, signal));

  const submit = (form: OrderForm) => {
    const target = href('check', queryFromForm(form));
    // The same order again: the URL does not change, so ask again explicitly.
    if (target === window.location.hash) result.reload();
    else navigate(target);
  };

  const fieldInError = orderKey !== null && result.state === 'error' ? problemField(result.error) : null;

  return (
    <>
      <PageHeader title="Check an order" />
      {chips.state === 'error' ? <ProblemBox error={chips.error} /> : null}
      {countries.state === 'error' ? <ProblemBox error={countries.error} /> : null}
      {chips.data && countries.data ? (
        <OrderFormView initial={initial} chips={chips.data} countries={countries.data} disabled={!canCheck} error={fieldInError} onSubmit={submit} />
      ) : chips.state === 'loading' || countries.state === 'loading' ? (
        <Loading what="the order form" />
      ) : null}
      {orderKey !== null ? (
        <div aria-live="polite" aria-busy={result.state === 'loading'}>
          {result.state === 'loading' ? <Loading what="the decision" /> : null}
          {result.state === 'error' ? <ProblemBox error={result.error} /> : null}
          {result.state === 'ok' ? (
            <>
              <DecisionView decision={result.data.decision} ledger={result.data.ledger} />
              <WhatIf key={orderKey} order={order} decision={result.data.decision} query={queryFromForm(initial)} />
            </>
          ) : null}
        </div>
      ) : !canCheck && queryHasOrder(route.query) ? (
        <p className="notice">This link holds an order; deciding it needs a key with the analyst or admin role.</p>
      ) : null}
    </>
  );
}
