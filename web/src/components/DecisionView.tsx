import { fmtBool, fmtNum, fmtUsd, words } from '../lib/format.js';
import { href } from '../lib/router.js';
import type { Decision, DecisionObligation, LedgerRef } from '../lib/types.js';
import { ConfidenceBadge, ExternalLink, Facts, StatusBadge, TableScroll, VerdictBadge } from './common.js';

function obligationText(o: DecisionObligation): string {
  if (o.kind === 'notification') return `notify ${o.days ?? '?'} days ahead`;
  return `${o.percent !== null ? `${fmtNum(o.percent)}% ` : ''}${words(o.kind)}`;
}

/** A decision as POST /v1/check returns it (and the ledger keeps it): verdict, both sides, money owed, and why. */
export function DecisionView({ decision: d, ledger }: { decision: Decision; ledger?: LedgerRef }) {
  const exp = d.export;
  return (
    <div className="decision" data-testid="decision">
      <section className={`panel verdict-panel verdict-bg-${d.verdict}`} aria-label="Verdict">
        <p className="verdict-line">
          <VerdictBadge verdict={d.verdict} large /> <span>on {d.on}</span>
        </p>
        <p>
          {d.chip.vendor} {d.chip.name} ({d.chip.chip}): <StatusBadge status={d.chip.status} eccn={d.chip.eccn} /> · TPP {fmtNum(d.chip.tpp, 0)} · PD{' '}
          {fmtNum(d.chip.pd)}
          {d.chip.rule ? (
            <>
              {' '}
              under <ExternalLink href={d.chip.rule.url}>{d.chip.rule.id}</ExternalLink>
            </>
          ) : null}
        </p>
        {d.missing.length ? (
          <p>
            <strong>Missing facts:</strong> {d.missing.join(', ')} — an answer that depends on them needs a person.
          </p>
        ) : null}
        <p className="muted small">
          Rule set as of {d.ruleset.as_of}, hash <code>{d.ruleset.hash.slice(0, 16)}…</code>
          {ledger ? (
            <>
              {' '}
              · recorded as <a href={href('ledger', { id: ledger.id })}>ledger entry #{ledger.seq}</a>
              {ledger.replayed ? ' (a retry: the first answer is returned)' : ''}
            </>
          ) : null}
        </p>
      </section>

      <div className="columns">
        <section className="panel" aria-label="Export side" data-testid="export-side">
          <h2>Export ({exp.jurisdiction})</h2>
          <Facts
            items={[
              ['Licence required', <strong key="l" data-testid="licence-required">{exp.licence_required ? 'yes' : 'no'}</strong>],
              ['Review policy', words(exp.review_policy)],
              ['Licence exception', exp.exception ? `${exp.exception}${exp.notification_days !== null ? ` (notify ${exp.notification_days} days ahead)` : ''}` : '—'],
              ['Licence held', exp.licence ? exp.licence.number : '—'],
            ]}
          />
          {exp.requirements.length ? (
            <>
              <h3>Requirements</h3>
              <ul>
                {exp.requirements.map((r) => (
                  <li key={r.rule}>
                    <code>{r.rule}</code>
                    {r.policy ? `: ${words(r.policy)}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {exp.licences_rejected?.length ? (
            <>
              <h3>Licences that do not cover it</h3>
              <ul>
                {exp.licences_rejected.map((l) => (
                  <li key={l.number}>
                    {l.number}: {l.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>

        <section className="panel" aria-label="Import side" data-testid="import-side">
          <h2>Import ({d.import.jurisdiction})</h2>
          <p>
            Status: <span className={`badge import-${d.import.status}`}>{words(d.import.status)}</span>
          </p>
          {d.import.measures.length ? (
            <ul className="measures">
              {d.import.measures.map((m) => (
                <li key={m.rule}>
                  <strong>{words(m.status)}</strong>: {m.measure} <ConfidenceBadge confidence={m.confidence} />
                  {m.certain ? '' : <span className="muted"> (depends on a missing fact)</span>}
                  <br />
                  <ExternalLink href={m.url}>{m.citation}</ExternalLink>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No importing-side measure applies.</p>
          )}
        </section>
      </div>

      <section className="panel" aria-label="Obligations">
        <h2>Obligations</h2>
        {d.obligations.length ? (
          <TableScroll label="Obligations">
            <table className="data" data-testid="obligations">
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Payee</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Certain</th>
                  <th scope="col">Rule</th>
                </tr>
              </thead>
              <tbody>
                {d.obligations.map((o, i) => (
                  <tr key={`${o.rule}:${i}`}>
                    <td>{obligationText(o)}</td>
                    <td>{o.payee ?? '—'}</td>
                    <td className="num">{o.amount_usd === null ? (o.kind === 'notification' ? '—' : 'needs quantity and price') : fmtUsd(o.amount_usd)}</td>
                    <td>{fmtBool(o.certain)}</td>
                    <td>
                      <code>{o.rule}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">Nothing is owed on this order.</p>
        )}
      </section>

      {d.parties.length ? (
        <section className="panel" aria-label="Parties">
          <h2>Parties</h2>
          <TableScroll label="Parties">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">Name</th>
                  <th scope="col">HQ</th>
                  <th scope="col">Country groups</th>
                  <th scope="col">Listed</th>
                  <th scope="col">Possible list matches</th>
                </tr>
              </thead>
              <tbody>
                {d.parties.map((p) => (
                  <tr key={p.role}>
                    <td>{words(p.role)}</td>
                    <td>{p.name ?? 'not given'}</td>
                    <td>{p.hq ?? 'unknown'}</td>
                    <td>{p.hq_groups?.join(', ') ?? '—'}</td>
                    <td>{fmtBool(p.listed)}</td>
                    <td>{p.matches.length ? p.matches.map((m) => `${m.name} (${m.list}, ${fmtNum(m.score)})`).join('; ') : 'none'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}

      <section className="panel" aria-label="Reasons">
        <h2>Reasons</h2>
        <TableScroll label="Reasons">
          <table className="data reasons stack-on-phone" data-testid="reasons">
            <thead>
              <tr>
                <th scope="col">Outcome</th>
                <th scope="col">Rule</th>
                <th scope="col">Effect</th>
                <th scope="col">Where</th>
                <th scope="col">Confidence</th>
                <th scope="col">Citation</th>
              </tr>
            </thead>
            <tbody>
              {d.reasons.map((r, i) => (
                <tr key={`${r.rule}:${i}`} className={`outcome-row-${r.outcome}`}>
                  <td data-label="Outcome">
                    <span className={`outcome outcome-${r.outcome}`}>{words(r.outcome)}</span>
                  </td>
                  <td>
                    <strong>{r.title}</strong>
                    <br />
                    <code className="small">{r.rule}</code>
                    {r.detail ? <p className="small">{r.detail}</p> : null}
                    {r.missing?.length ? <p className="small muted">would apply if known: {r.missing.join(', ')}</p> : null}
                  </td>
                  <td data-label="Effect">{words(r.effect)}</td>
                  <td data-label="Where">{r.jurisdiction}</td>
                  <td data-label="Confidence">
                    <ConfidenceBadge confidence={r.confidence} />
                  </td>
                  <td data-label="Citation">
                    <ExternalLink href={r.url}>{r.citation}</ExternalLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </div>
  );
}
