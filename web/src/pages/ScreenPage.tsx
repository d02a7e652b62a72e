import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Loading, PageHeader, ProblemBox, TableScroll } from '../components/common.js';
import { api } from '../lib/api.js';
import { screenQueriesFromCsv, type ScreenQuery } from '../lib/csv.js';
import { fmtNum } from '../lib/format.js';
import { href, navigate, type Route } from '../lib/router.js';
import { hasRole, useRole } from '../lib/session.js';
import type { ScreenResult } from '../lib/types.js';
import { useAction } from '../lib/use-load.js';

/** The API's batch limit (src/api/app.ts BATCH_LIMIT). */
const BATCH_LIMIT = 1000;

function MatchesTable({ result }: { result: ScreenResult }) {
  if (!result.matches.length) return <p className="muted">No match at or above the review threshold for “{result.query}”.</p>;
  return (
    <TableScroll label={`Matches for ${result.query}`}>
      <table className="data matches stack-on-phone" data-testid="matches">
        <thead>
          <tr>
            <th scope="col">Listed party</th>
            <th scope="col">Matched alias</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">Verdict</th>
            <th scope="col">List</th>
            <th scope="col">Why it matched</th>
            <th scope="col">Licence policy</th>
          </tr>
        </thead>
        <tbody>
          {result.matches.map((m) => (
            <tr key={m.entry_id}>
              <td>
                <strong>{m.name}</strong>
                {m.country ? <span className="muted"> ({m.country})</span> : null}
                {m.federal_register ? <p className="small muted">{m.federal_register}</p> : null}
              </td>
              <td data-label="Matched alias">{m.matched_alias}</td>
              <td className="num" data-label="Score">
                {fmtNum(m.score, 3)}
              </td>
              <td data-label="Verdict">
                <span className={`badge match-${m.verdict}`}>{m.verdict === 'block' ? 'listed party' : 'possible match'}</span>
              </td>
              <td data-label="List">{m.list}</td>
              <td className="small why" data-label="Why it matched">
                <ul className="explanation">
                  {m.explanation.map((e, i) => (
                    <li key={i}>{e}</li>
                  ))}
                </ul>
              </td>
              <td className="small licence" data-label="Licence policy">
                {m.license_policy ?? '—'}
                {m.license_requirement ? (
                  <details>
                    <summary>licence requirement</summary>
                    {m.license_requirement}
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function BatchScreen({ disabled }: { disabled: boolean }) {
  const [queries, setQueries] = useState<ScreenQuery[] | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const batch = useAction((qs: ScreenQuery[]) => api.screenBatch(qs));

  const readFile = async (file: File | undefined) => {
    setQueries(null);
    setFileProblem(null);
    if (!file) return;
    const parsed = screenQueriesFromCsv(await file.text());
    if (!parsed.length) setFileProblem(`${file.name}: no names found (expected a "name" column, or names in the first column)`);
    else if (parsed.length > BATCH_LIMIT) setFileProblem(`${file.name}: ${parsed.length} names; the server screens at most ${BATCH_LIMIT} at a time`);
    else setQueries(parsed);
  };

  return (
    <section className="panel" aria-label="Screen a CSV file">
      <h2>Screen a list of parties</h2>
      <p className="muted small">A CSV file with a header naming a “name” column (and optionally “country”, ISO alpha-2), or names in the first column.</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (queries) void batch.run(queries);
        }}
      >
        <label>
          CSV file <input type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e.target.files?.[0])} data-testid="csv-file" />
        </label>
        <button type="submit" disabled={disabled || !queries || batch.pending}>
          Screen {queries ? `${queries.length} names` : 'the file'}
        </button>
      </form>
      {fileProblem ? (
        <p className="error-text" role="alert">
          {fileProblem}
        </p>
      ) : null}
      {batch.pending ? <Loading what="the screening results" /> : null}
      {batch.error ? <ProblemBox error={batch.error} /> : null}
      {batch.result ? (
        <TableScroll label="Batch results">
          <table className="data" data-testid="batch-results">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Matches
                </th>
                <th scope="col">Best match</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {batch.result.results.map((r, i) => (
                <tr key={i} className={r.matches.length ? 'has-matches' : undefined}>
                  <td>{r.query}</td>
                  <td className="num">{r.matches.length}</td>
                  <td>{r.matches[0] ? `${r.matches[0].name} (${r.matches[0].list})` : '—'}</td>
                  <td className="num">{r.matches[0] ? fmtNum(r.matches[0].score, 3) : '—'}</td>
                  <td>
                    {r.matches.length ? (
                      <button type="button" className="link-button" aria-expanded={open === i} onClick={() => setOpen(open === i ? null : i)}>
                        {open === i ? 'hide' : 'show'}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {batch.result && open !== null && batch.result.results[open] ? <MatchesTable result={batch.result.results[open]} /> : null}
    </section>
  );
}

export function ScreenPage({ route }: { route: Route }) {
  const canScreen = hasRole(useRole(), 'analyst');
  const [linked] = useState(() => ({ name: route.query.get('name') ?? '', country: route.query.get('country') ?? '' }));
  const [name, setName] = useState(linked.name);
  const [country, setCountry] = useState(linked.country);
  const single = useAction((n: string, c: string) => api.screen(n.trim(), c.trim().toUpperCase() || undefined));
  const { run } = single;

  // A shared link (`#/screen?name=...`) screens its name once on opening; the query is kept in the URL on submit.
  const screenedFromLink = useRef(false);
  useEffect(() => {
    if (screenedFromLink.current || !canScreen || !linked.name.trim()) return;
    screenedFromLink.current = true;
    void run(linked.name, linked.country);
  }, [canScreen, linked, run]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    screenedFromLink.current = true;
    navigate(href('screen', { name: name.trim(), country: country.trim() }), { replace: true });
    void run(name, country);
  };

  return (
    <>
      <PageHeader title="Screen a party" />
      <form className="panel inline-form" onSubmit={submit} aria-label="Screen one name" data-testid="screen-form">
        <label>
          Name <input name="name" value={name} onChange={(e) => setName(e.target.value)} required placeholder="e.g. 华为技术有限公司 or Huawei" size={32} />
        </label>
        <label>
          Country <input name="country" value={country} onChange={(e) => setCountry(e.target.value)} placeholder="CN" size={3} maxLength={2} pattern="[A-Za-z]{2}" />
        </label>
        <button type="submit" className="primary" disabled={!canScreen || single.pending}>
          Screen
        </button>
        {!canScreen ? <span className="muted">Screening needs the analyst role.</span> : null}
      </form>
      <div aria-live="polite">
        {single.pending ? <Loading what="matches" /> : null}
        {single.error ? <ProblemBox error={single.error} /> : null}
        {single.result ? (
          <section className="panel" aria-label="Matches">
            <h2>
              {single.result.matches.length} match{single.result.matches.length === 1 ? '' : 'es'} for “{single.result.query}”
            </h2>
            <MatchesTable result={single.result} />
          </section>
        ) : null}
      </div>
      <BatchScreen disabled={!canScreen} />
    </>
  );
}
