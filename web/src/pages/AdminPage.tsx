import { useState, type FormEvent } from 'react';
import { Loading, PageHeader, ProblemBox, TableScroll } from '../components/common.js';
import { api } from '../lib/api.js';
import { fmtInt, fmtTimestamp, fmtUsd, isIsoDate, todayIso, addDays } from '../lib/format.js';
import { hasRole, useSession } from '../lib/session.js';
import type { CreatedApiKey, Role } from '../lib/types.js';
import { useAction, useLoad } from '../lib/use-load.js';

function remaining(used: number, limit: number | null, remainingValue: number | null, format: (n: number) => string): string {
  if (limit === null) return `${format(used)} used, no limit`;
  return `${format(remainingValue ?? limit - used)} of ${format(limit)} left`;
}

const emptyLicence = () => ({
  licence_number: '',
  holder: '',
  chips: '',
  destination: '',
  consignee: '',
  quantity_limit: '',
  value_limit_usd: '',
  revenue_share_percent: '',
  revenue_share_payee: 'US Government',
  valid_from: todayIso(),
  valid_to: addDays(todayIso(), 730),
});

function Licences() {
  const licences = useLoad('licences', (signal) => api.licences(signal));
  const [form, setForm] = useState(emptyLicence);
  const create = useAction((body: Record<string, unknown>) => api.createLicence(body));
  const set = (key: keyof ReturnType<typeof emptyLicence>) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const number = (s: string) => (s.trim() === '' ? undefined : Number(s));
    const body: Record<string, unknown> = {
      licence_number: form.licence_number.trim(),
      holder: form.holder.trim(),
      chips: form.chips.split(/[\s,]+/).filter(Boolean),
      destination: form.destination.trim().toUpperCase(),
      consignee: form.consignee.trim(),
      valid_from: form.valid_from,
      valid_to: form.valid_to,
    };
    if (number(form.quantity_limit) !== undefined) body.quantity_limit = number(form.quantity_limit);
    if (number(form.value_limit_usd) !== undefined) body.value_limit_usd = number(form.value_limit_usd);
    if (number(form.revenue_share_percent) !== undefined) body.conditions = [{ kind: 'revenue_share', percent: number(form.revenue_share_percent), payee: form.revenue_share_payee.trim() }];
    if (await create.run(body)) {
      setForm(emptyLicence());
      licences.reload();
    }
  };

  return (
    <section className="panel" aria-label="Licences">
      <h2>Licences</h2>
      {licences.state === 'error' ? <ProblemBox error={licences.error} /> : null}
      {!licences.data && licences.state === 'loading' ? <Loading what="the licences" /> : null}
      {licences.data && !licences.data.length ? <p className="muted">No licence recorded yet.</p> : null}
      {licences.data?.length ? (
        <TableScroll label="Licences">
          <table className="data" data-testid="licences">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Holder → consignee</th>
                <th scope="col">Chips</th>
                <th scope="col">To</th>
                <th scope="col">Quantity</th>
                <th scope="col">Value</th>
                <th scope="col">Valid</th>
                <th scope="col">Conditions</th>
              </tr>
            </thead>
            <tbody>
              {licences.data.map((l) => (
                <tr key={l.licence_number}>
                  <td>
                    <code>{l.licence_number}</code>
                  </td>
                  <td>
                    {l.holder} → {l.consignee}
                  </td>
                  <td className="small">{l.chips.join(', ')}</td>
                  <td>{l.destination}</td>
                  <td>{remaining(l.quantity_used, l.quantity_limit, l.quantity_remaining, fmtInt)}</td>
                  <td>{remaining(l.value_used_usd, l.value_limit_usd, l.value_remaining_usd, fmtUsd)}</td>
                  <td className="nowrap">
                    {l.valid_from} → {l.valid_to}
                  </td>
                  <td className="small">{l.conditions.map((c) => [c.kind, c.percent !== undefined ? `${String(c.percent)}%` : '', c.payee ? `to ${String(c.payee)}` : ''].filter(Boolean).join(' ')).join('; ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}

      <details className="create">
        <summary>Record a licence</summary>
        <form className="grid" onSubmit={(e) => void submit(e)} aria-label="Record a licence">
          <label>
            Licence number <input value={form.licence_number} onChange={set('licence_number')} required />
          </label>
          <label>
            Holder (seller) <input value={form.holder} onChange={set('holder')} required />
          </label>
          <label>
            Chips (catalog ids) <input value={form.chips} onChange={set('chips')} required placeholder="nvidia-h20, amd-mi308x" />
          </label>
          <label>
            Destination <input value={form.destination} onChange={set('destination')} required maxLength={2} size={3} placeholder="CN" />
          </label>
          <label>
            Consignee <input value={form.consignee} onChange={set('consignee')} required />
          </label>
          <label>
            Quantity limit <input inputMode="numeric" value={form.quantity_limit} onChange={set('quantity_limit')} placeholder="none" />
          </label>
          <label>
            Value limit (USD) <input inputMode="decimal" value={form.value_limit_usd} onChange={set('value_limit_usd')} placeholder="none" />
          </label>
          <label>
            Revenue share (%) <input inputMode="decimal" value={form.revenue_share_percent} onChange={set('revenue_share_percent')} placeholder="none" />
          </label>
          <label>
            Paid to <input value={form.revenue_share_payee} onChange={set('revenue_share_payee')} />
          </label>
          <label>
            Valid from <input type="date" value={form.valid_from} onChange={set('valid_from')} required />
          </label>
          <label>
            Valid to <input type="date" value={form.valid_to} onChange={set('valid_to')} required />
          </label>
          <div className="actions">
            <button type="submit" className="primary" disabled={create.pending}>
              Record the licence
            </button>
          </div>
        </form>
        {create.error ? <ProblemBox error={create.error} /> : null}
        {create.result ? <p className="ok-text">Recorded licence {create.result.licence_number}.</p> : null}
      </details>
    </section>
  );
}

function Lists() {
  const lists = useLoad('lists', (signal) => api.lists(signal));
  const [format, setFormat] = useState<'csl-csv' | 'csl-json'>('csl-csv');
  const [sourceDate, setSourceDate] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const inUse = lists.data?.in_use;
  const upload = useAction(async (f: File) => api.importList({ format, content: await f.text(), ...(isIsoDate(sourceDate) ? { source_date: sourceDate } : {}) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (file && (await upload.run(file))) lists.reload();
  };

  return (
    <section className="panel" aria-label="Screening lists">
      <h2>Screening lists</h2>
      {lists.state === 'error' ? <ProblemBox error={lists.error} /> : null}
      {!lists.data && lists.state === 'loading' ? <Loading what="the list versions" /> : null}
      {inUse ? (
        <>
          <p>
            In use:{' '}
            {Object.entries(inUse)
              .map(([name, hash]) => `${name} ${String(hash).slice(0, 12)}…`)
              .join(', ') || '—'}
          </p>
          {lists.data?.versions.length ? (
            <TableScroll label="Imported list versions">
              <table className="data compact" data-testid="list-versions">
                <thead>
                  <tr>
                    <th scope="col">Imported</th>
                    <th scope="col">Source date</th>
                    <th scope="col">Format</th>
                    <th scope="col">Entries per list</th>
                    <th scope="col">Content hash</th>
                  </tr>
                </thead>
                <tbody>
                  {lists.data.versions.map((v) => (
                    <tr key={v.content_hash} className={Object.values(inUse).includes(v.content_hash) ? 'current' : undefined}>
                      <td className="nowrap small">{fmtTimestamp(v.imported_at)}</td>
                      <td>{v.source_date ?? '—'}</td>
                      <td>{v.format}</td>
                      <td className="small">
                        {Object.entries(v.counts)
                          .map(([list, n]) => `${list} ${n}`)
                          .join(', ')}
                      </td>
                      <td>
                        <code className="small">{v.content_hash.slice(0, 16)}…</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p className="muted">No list imported: screening uses the lists shipped with chiplaw.</p>
          )}
        </>
      ) : null}
      <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Import a list">
        <label>
          Consolidated Screening List file <input type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as 'csl-csv' | 'csl-json')}>
            <option value="csl-csv">CSL CSV</option>
            <option value="csl-json">CSL JSON</option>
          </select>
        </label>
        <label>
          Source date <input type="date" value={sourceDate} onChange={(e) => setSourceDate(e.target.value)} />
        </label>
        <button type="submit" disabled={!file || upload.pending}>
          {upload.pending ? 'Importing…' : 'Import'}
        </button>
      </form>
      {upload.error ? <ProblemBox error={upload.error} /> : null}
      {upload.result ? <p className="ok-text">Imported ({String(upload.result.outcome ?? 'done')}); screening now uses the newest version.</p> : null}
    </section>
  );
}

function Keys({ myKeyId }: { myKeyId: string }) {
  const keys = useLoad('keys', (signal) => api.keys(signal));
  const [role, setRole] = useState<Role>('viewer');
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const create = useAction((r: Role, l: string) => api.createKey(r, l.trim() || undefined));
  const revoke = useAction((id: string) => api.revokeKey(id));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const key = await create.run(role, label);
    if (key) {
      setCreated(key);
      setLabel('');
      keys.reload();
    }
  };
  const revokeKey = async (id: string, name: string) => {
    const warning = id === myKeyId ? ' You are signed in with it: you will be signed out.' : '';
    if (!window.confirm(`Revoke the key ${name}? Anything using it stops working.${warning}`)) return;
    if (await revoke.run(id)) keys.reload();
  };

  return (
    <section className="panel" aria-label="API keys">
      <h2>API keys</h2>
      {keys.state === 'error' ? <ProblemBox error={keys.error} /> : null}
      {!keys.data && keys.state === 'loading' ? <Loading what="the keys" /> : null}
      {keys.data ? (
        <TableScroll label="API keys">
          <table className="data compact" data-testid="keys">
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Role</th>
                <th scope="col">Label</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id} className={k.revoked_at ? 'revoked' : undefined}>
                  <td>
                    <code>{k.id}</code>
                  </td>
                  <td>{k.role}</td>
                  <td>
                    {k.label ?? '—'}
                    {k.id === myKeyId ? <strong> (the key you are signed in with)</strong> : null}
                  </td>
                  <td className="nowrap small">{fmtTimestamp(k.created_at)}</td>
                  <td>
                    {k.revoked_at ? (
                      `revoked ${fmtTimestamp(k.revoked_at)}`
                    ) : (
                      <button type="button" className="danger" onClick={() => void revokeKey(k.id, k.label ?? k.id)} disabled={revoke.pending}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {revoke.error ? <ProblemBox error={revoke.error} /> : null}
      <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Create an API key">
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="viewer">viewer (read)</option>
            <option value="analyst">analyst (check, screen)</option>
            <option value="admin">admin (licences, lists, keys)</option>
          </select>
        </label>
        <label>
          Label <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} placeholder="who or what uses it" />
        </label>
        <button type="submit" disabled={create.pending}>
          Create key
        </button>
      </form>
      {create.error ? <ProblemBox error={create.error} /> : null}
      {created ? (
        <div className="notice" role="status" data-testid="created-key">
          New {created.role} key (shown once, copy it now): <code className="secret">{created.key}</code>
        </div>
      ) : null}
    </section>
  );
}

export function AdminPage() {
  const { session } = useSession();
  const role = session.status === 'signed_in' ? session.me.role : undefined;
  if (session.status !== 'signed_in' || !hasRole(role, 'admin')) {
    return (
      <>
        <PageHeader title="Administration" />
        <div className="problem" role="alert" data-testid="admin-forbidden">
          <strong>Not allowed</strong>
          <p>Licences, list imports and API keys need the admin role; the key you signed in with has the {role ?? 'unknown'} role.</p>
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Administration" />
      <Licences />
      <Lists />
      <Keys myKeyId={session.me.id} />
    </>
  );
}
