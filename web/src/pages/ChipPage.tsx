import { ExternalLink, Facts, Loading, PageHeader, ProblemBox, SourceText, StatusBadge, TableScroll } from '../components/common.js';
import { api } from '../lib/api.js';
import { fmtBool, fmtInt, fmtNum, isIsoDate, todayIso, words } from '../lib/format.js';
import { href, navigate, type Route } from '../lib/router.js';
import { useLoad } from '../lib/use-load.js';

function formatInput(value: unknown): string {
  if (typeof value === 'number') return fmtNum(value, 3);
  if (value === null || value === undefined) return 'unknown';
  return String(value);
}

export function ChipPage({ id, route }: { id: string; route: Route }) {
  const asked = route.query.get('on');
  const on = isIsoDate(asked) ? asked : todayIso();
  const detail = useLoad(`chip:${id}:${on}`, (signal) => api.chip(id, on, signal));

  const setDate = (date: string) => {
    if (isIsoDate(date)) navigate(href('chips', id, { on: date }), { replace: true });
  };

  if (detail.state === 'error' && !detail.data) {
    return (
      <>
        <PageHeader title="Chip" />
        <ProblemBox error={detail.error} action={<a href={href('chips', { on })}>Back to the catalog</a>} />
      </>
    );
  }
  if (!detail.data) return <Loading what="the chip" />;
  const { chip, metrics, classification: c, history } = detail.data;
  const name = chip.variant ? `${chip.name} ${chip.variant}` : chip.name;
  const precisions = Object.entries(chip.dense);

  return (
    <>
      <PageHeader title={`${chip.vendor} ${name}`}>
        <a href={href('chips', { on })}>← all chips</a>
        <a href={href('check', { chip: chip.id, on })}>Check an order for this chip</a>
      </PageHeader>
      {detail.state === 'error' ? <ProblemBox error={detail.error} /> : null}

      <section className="panel" aria-label="Classification" aria-busy={detail.state === 'loading'}>
        <div className="panel-title">
          <h2>Classification on</h2>
          <input type="date" aria-label="Classification date" value={on} onChange={(e) => setDate(e.target.value)} />
        </div>
        <p className="big-status" data-testid="chip-classification">
          <StatusBadge status={c.status} eccn={c.eccn} />{' '}
          {c.rule ? (
            <>
              under <ExternalLink href={c.rule.url}>{c.rule.citation}</ExternalLink>
            </>
          ) : (
            'no version of ECCN 3A090 in force on this date'
          )}
        </p>
        {c.possible_eccns?.length ? <p>Could be {c.possible_eccns.join(' or ')} if the missing facts were known.</p> : null}
        {c.missing.length ? (
          <p>
            Missing facts:{' '}
            {c.missing.map((m, i) => (
              <span key={m}>
                {i ? ', ' : ''}
                <code>{m}</code>
              </span>
            ))}
          </p>
        ) : null}
        {c.tests.length ? (
          <TableScroll label="Tests">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Test</th>
                  <th scope="col">Condition</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Inputs</th>
                </tr>
              </thead>
              <tbody>
                {c.tests.map((t) => (
                  <tr key={t.test}>
                    <td>
                      {t.test}
                      {t.kind === 'exclusion' ? <span className="muted"> (exclusion)</span> : null}
                    </td>
                    <td>{t.text}</td>
                    <td>
                      <span className={`outcome outcome-${t.outcome}`}>{words(t.outcome)}</span>
                    </td>
                    <td className="inputs">
                      {Object.entries(t.inputs)
                        .map(([k, v]) => `${k} = ${formatInput(v)}`)
                        .join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </section>

      <div className="columns">
        <section className="panel" aria-label="Specifications">
          <h2>Specifications</h2>
          <Facts
            items={[
              ['Id', <code key="id">{chip.id}</code>],
              ['Released', chip.releaseYear ?? '—'],
              ['Market status', `${words(chip.status)}${chip.statusNote ? ` (${chip.statusNote})` : ''}`],
              ['Datacenter part', `${fmtBool(chip.datacenter)}${chip.datacenterNote ? ` (${chip.datacenterNote})` : ''}`],
              ['China-specific', chip.chinaSpecific ?? '—'],
              ['Die', [chip.die.name, chip.die.count && chip.die.count > 1 ? `${chip.die.count} dies` : null, chip.die.process].filter(Boolean).join(', ') || '—'],
              ['Die area', chip.die.areaMm2 === null ? 'unknown' : `${fmtInt(chip.die.areaMm2)} mm² (${words(chip.die.areaScope)})`],
              ['Memory', [chip.memory.type, chip.memory.capacityGb !== null ? `${chip.memory.capacityGb} GB` : null, chip.memory.bandwidthGbps !== null ? `${fmtInt(chip.memory.bandwidthGbps)} GB/s` : null].filter(Boolean).join(', ') || 'unknown'],
              ['Interconnect', [chip.interconnect.type, chip.interconnect.bandwidthGbps !== null ? `${fmtInt(chip.interconnect.bandwidthGbps)} GB/s` : null, chip.interconnect.pcieOnly ? `only ${chip.interconnect.pcieOnly}` : null].filter(Boolean).join(', ') || 'unknown'],
              ['TDP', chip.tdpW === null ? 'unknown' : `${chip.tdpW} W`],
              ['HBM item (3A090.c)', fmtBool(chip.hbmItem)],
              ['Data confidence', chip.confidence ?? '—'],
            ]}
          />
          {chip.notes ? <p className="notes">{chip.notes}</p> : null}
        </section>

        <section className="panel" aria-label="Metrics">
          <h2>Metrics</h2>
          <Facts
            items={[
              ['TPP', `${fmtInt(metrics.tpp)}${metrics.tppPrecisions.length ? ` (set by ${metrics.tppPrecisions.join(', ')})` : ''}`],
              ['Performance density', metrics.pd === null ? 'unknown' : fmtNum(metrics.pd, 3)],
              ['Chip-to-chip I/O', metrics.ioBandwidthGbps === null ? 'unknown' : `${fmtInt(metrics.ioBandwidthGbps)} GB/s`],
              ...(metrics.memoryBandwidthDensity !== null ? [['Memory bandwidth density', fmtNum(metrics.memoryBandwidthDensity, 3)] as [string, string]] : []),
            ]}
          />
          <h3>Dense throughput (TFLOPS / TOPS)</h3>
          {precisions.length ? (
            <table className="data compact">
              <tbody>
                {precisions.map(([p, v]) => (
                  <tr key={p}>
                    <th scope="row">
                      {p.toUpperCase()}
                      {p === 'tf32' ? <span className="muted small"> (not counted in TPP)</span> : null}
                    </th>
                    <td className="num">{fmtNum(v, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>unknown</p>
          )}
        </section>
      </div>

      <section className="panel" aria-label="Classification history">
        <h2>Classification history</h2>
        <p className="muted">The chip's class under each version of ECCN 3A090, from the day it took effect.</p>
        <TableScroll label="History">
          <table className="data" data-testid="chip-history">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Rule version</th>
                <th scope="col">Class</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={h.from}>
                  <td>
                    {/* The API samples the day before the first version to show the chip's class without any. */}
                    {h.rule === null && history[i + 1] ? 'before ' : ''}
                    <a href={href('chips', chip.id, { on: h.from })}>{h.rule === null && history[i + 1] ? history[i + 1]!.from : h.from}</a>
                  </td>
                  <td>{h.rule ?? 'no 3A090 yet'}</td>
                  <td>
                    <StatusBadge status={h.status} eccn={h.eccn} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section className="panel" aria-label="Sources">
        <h2>Sources</h2>
        <ol className="sources">
          {chip.sources.map((s) => (
            <li key={s}>
              <SourceText text={s} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
