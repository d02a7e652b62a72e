import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
import { plottable, scatterChart } from '../charts/scatter.js';
import { ExternalLink, Loading, PageHeader, ProblemBox, StatusBadge } from '../components/common.js';
import { PlotFigure } from '../components/PlotFigure.js';
import { SortableTable, type Column } from '../components/SortableTable.js';
import { api } from '../lib/api.js';
import { addDays, classOf, daysBetween, fmtBool, fmtInt, fmtNum, isIsoDate, todayIso, words } from '../lib/format.js';
import { href, navigate, type Route } from '../lib/router.js';
import { regionsOf, versionInForce } from '../lib/thresholds.js';
import type { ChipRow } from '../lib/types.js';
import { useDebounced } from '../lib/use-debounced.js';
import { useLoad } from '../lib/use-load.js';

/** The slider's range: from before the first 3A090 rule (2022-10-07) to today. */
const SLIDER_START = '2022-01-01';

export function ChipsPage({ route }: { route: Route }) {
  const today = todayIso();
  const asked = route.query.get('on');
  const urlDate = isIsoDate(asked) ? asked : today;
  const [draft, setDraft] = useState(urlDate);
  const date = useDebounced(draft, 150);
  const [filter, setFilter] = useState({ text: route.query.get('q') ?? '', klass: '', vendor: '' });

  // The URL follows the slider (without filling history), and the slider follows the URL (back button, a link).
  useEffect(() => setDraft(urlDate), [urlDate]);
  const followDate = useEffectEvent((settled: string) => {
    if (settled !== urlDate) navigate(href('chips', { on: settled, q: filter.text }), { replace: true });
  });
  useEffect(() => followDate(date), [date]);

  const chips = useLoad(`chips:${date}`, (signal) => api.chips(date, signal));
  const versions = useLoad('eccn', (signal) => api.eccn3a090(signal));
  const version = versions.data ? versionInForce(versions.data, date) : null;
  const drawn = useMemo(() => (version ? regionsOf(version) : { regions: [], notDrawn: [] }), [version]);

  const rows = chips.data ?? [];
  const vendors = useMemo(() => [...new Set(rows.map((r) => r.vendor))].sort(), [rows]);
  const classes = useMemo(() => [...new Set(rows.map(classOf))].sort(), [rows]);
  const visible = useMemo(() => {
    const text = filter.text.trim().toLowerCase();
    return rows.filter(
      (r) =>
        (!text || `${r.name} ${r.vendor} ${r.chip}`.toLowerCase().includes(text)) &&
        (!filter.klass || classOf(r) === filter.klass) &&
        (!filter.vendor || r.vendor === filter.vendor),
    );
  }, [rows, filter]);
  const points = useMemo(() => plottable(rows), [rows]);
  const unplotted = rows.length - points.length;
  // Points of a narrowed table are ringed on the chart; an unfiltered table marks nothing.
  const highlighted = useMemo(() => new Set(visible.length < rows.length && visible.length <= 12 ? visible.map((r) => r.chip) : []), [visible, rows]);

  const build = useCallback((width: number) => scatterChart({ points, regions: drawn.regions, width, highlighted }), [points, drawn, highlighted]);
  const openChip = useCallback((value: unknown) => navigate(href('chips', (value as ChipRow).chip, { on: date })), [date]);

  const columns: Column<ChipRow>[] = useMemo(
    () => [
      { key: 'name', label: 'Chip', sortValue: (r) => r.name, render: (r) => <a href={href('chips', r.chip, { on: date })}>{r.name}</a> },
      { key: 'vendor', label: 'Vendor', sortValue: (r) => r.vendor, render: (r) => r.vendor },
      { key: 'tpp', label: 'TPP', numeric: true, sortValue: (r) => r.tpp, render: (r) => fmtInt(r.tpp) },
      { key: 'pd', label: 'PD', numeric: true, sortValue: (r) => r.pd, render: (r) => fmtNum(r.pd) },
      { key: 'class', label: 'Class', sortValue: (r) => classOf(r), render: (r) => <StatusBadge status={r.status} eccn={r.eccn} /> },
      { key: 'datacenter', label: 'Datacenter', sortValue: (r) => fmtBool(r.datacenter), render: (r) => fmtBool(r.datacenter) },
      { key: 'market', label: 'Market status', sortValue: (r) => r.status_detail, render: (r) => words(r.status_detail) },
      { key: 'rule', label: 'Rule', sortValue: (r) => r.rule?.id ?? null, render: (r) => r.rule?.id ?? 'none yet' },
    ],
    [date],
  );

  const span = daysBetween(SLIDER_START, today);
  return (
    <>
      <PageHeader title="Chips under ECCN 3A090" />
      <section className="panel date-panel" aria-label="Date">
        <div className="date-controls">
          <label htmlFor="chips-slider">Date</label>
          <input
            id="chips-slider"
            type="range"
            min={0}
            max={span}
            step={1}
            value={Math.min(span, Math.max(0, daysBetween(SLIDER_START, draft)))}
            aria-valuetext={draft}
            onChange={(e) => setDraft(addDays(SLIDER_START, Number(e.target.value)))}
            data-testid="date-slider"
          />
          <input type="date" aria-label="Date (exact)" min={SLIDER_START} max={today} value={draft} onChange={(e) => isIsoDate(e.target.value) && setDraft(e.target.value)} data-testid="date-input" />
          <output htmlFor="chips-slider" className="date-output" data-testid="date-output">
            {draft}
          </output>
        </div>
        <div className="jumps" role="group" aria-label="Jump to a 3A090 version">
          {versions.data?.map((v) => (
            <button type="button" key={v.instrument.id} className="link-button" onClick={() => setDraft(v.instrument.effective)}>
              {v.instrument.effective}
            </button>
          ))}
          <button type="button" className="link-button" onClick={() => setDraft(today)}>
            today
          </button>
        </div>
        <p className="version-line" data-testid="version-in-force">
          {versions.state === 'error' ? null : version ? (
            <>
              In force on {date}: <ExternalLink href={version.instrument.url}>{version.instrument.citation}</ExternalLink> (from {version.instrument.effective}
              {version.instrument.ends ? ` to ${version.instrument.ends}` : ''}).
            </>
          ) : versions.data ? (
            <>No version of ECCN 3A090 existed on {date}: nothing is classified under it.</>
          ) : null}
        </p>
        {versions.state === 'error' ? <ProblemBox error={versions.error} /> : null}
      </section>

      {chips.state === 'error' ? <ProblemBox error={chips.error} action={<button onClick={chips.reload}>Retry</button>} /> : null}
      {!chips.data && chips.state === 'loading' ? <Loading what="the chip catalog" /> : null}
      {chips.data ? (
        <>
          <section className="panel" aria-label="Scatter of chips by TPP and performance density" aria-busy={chips.state === 'loading'}>
            <div className="panel-title">
              <h2>TPP against performance density on {chips.data[0]?.on ?? date}</h2>
              {chips.state === 'loading' ? <span className="updating">updating…</span> : null}
            </div>
            <PlotFigure build={build} onSelect={openChip} label={`Scatter of ${points.length} chips, TPP on a log scale against performance density, coloured by 3A090 class`} testId="chips-scatter" />
            <ul className="chart-notes">
              {drawn.regions.map((r) => (
                <li key={r.test}>
                  <strong>{r.test}</strong> → {r.eccn}: {r.text}
                  {r.otherConditions.length ? <span className="muted"> (not on the axes: {r.otherConditions.join('; ')})</span> : null}
                </li>
              ))}
              {drawn.notDrawn.map((t) => (
                <li key={t.test}>
                  <strong>{t.test}</strong>: {t.text} <span className="muted">(not a region of this plane)</span>
                </li>
              ))}
              {version?.exclusions.map((x) => (
                <li key={x.id}>
                  <strong>{x.id}</strong> takes a chip out of {x.appliesTo.join(', ')} when: {x.text}
                </li>
              ))}
              <li className="muted">
                Hollow points: parts not designed or marketed for datacenters. The grey strip holds chips whose performance density is unknown (the area of all logic dies is not published).
                {unplotted > 0 ? ` ${unplotted} chips with unknown or zero TPP are only in the table.` : ''}
              </li>
            </ul>
          </section>

          <section className="panel" aria-label="Chip table">
            <div className="filters" role="search">
              <label>
                Filter
                <input
                  type="search"
                  value={filter.text}
                  placeholder="name, vendor or id"
                  onChange={(e) => {
                    setFilter({ ...filter, text: e.target.value });
                    // The text filter is part of the shareable URL, like the date.
                    navigate(href('chips', { on: date, q: e.target.value }), { replace: true });
                  }}
                />
              </label>
              <label>
                Class
                <select value={filter.klass} onChange={(e) => setFilter({ ...filter, klass: e.target.value })}>
                  <option value="">all</option>
                  {classes.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </label>
              <label>
                Vendor
                <select value={filter.vendor} onChange={(e) => setFilter({ ...filter, vendor: e.target.value })}>
                  <option value="">all</option>
                  {vendors.map((v) => (
                    <option key={v}>{v}</option>
                  ))}
                </select>
              </label>
              <span className="muted" aria-live="polite">
                {visible.length} of {rows.length} chips
              </span>
            </div>
            <SortableTable rows={visible} columns={columns} rowKey={(r) => r.chip} label="Chips" initialSort={{ key: 'tpp', direction: 'descending' }} rowProps={(r) => ({ 'data-chip': r.chip })} />
          </section>
        </>
      ) : null}
    </>
  );
}
