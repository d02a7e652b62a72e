import type { ReactNode } from 'react';
import type { ApiError } from '../lib/api.js';
import { STATUS_LABEL, VERDICT_LABEL, words } from '../lib/format.js';
import type { ClassificationStatus, Confidence, Verdict } from '../lib/types.js';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** Shows an RFC 9457 problem as the server phrased it, with the field it names. */
export function ProblemBox({ error, action }: { error: ApiError; action?: ReactNode }) {
  const { title, status, detail, field } = error.problem;
  return (
    <div className="problem" role="alert" data-testid="problem">
      <strong>
        {title}
        {status ? ` (${status})` : ''}
      </strong>
      <p>{detail}</p>
      {field ? (
        <p className="muted">
          Field: <code>{field}</code>
        </p>
      ) : null}
      {action}
    </div>
  );
}

export function StatusBadge({ status, eccn }: { status: ClassificationStatus; eccn?: string | null }) {
  // 3A090.b and .c have their own colours (as on the scatter); .a and a paragraph-less control share the status's.
  const paragraph = status === 'controlled' && eccn ? /\.([bc])$/.exec(eccn)?.[1] : undefined;
  return (
    <span className={`badge status-${status}${paragraph ? ` class-${paragraph}` : ''}`} data-status={status} data-eccn={eccn ?? undefined}>
      {status === 'controlled' && eccn ? eccn : STATUS_LABEL[status]}
    </span>
  );
}

export function VerdictBadge({ verdict, large = false }: { verdict: Verdict | string; large?: boolean }) {
  const label = VERDICT_LABEL[verdict as Verdict] ?? words(verdict);
  return (
    <span className={`badge verdict-${verdict}${large ? ' large' : ''}`} data-verdict={verdict}>
      {label}
    </span>
  );
}

const CONFIDENCE_HELP: Record<Confidence, string> = {
  primary: 'read in the official text',
  secondary: 'from a law-firm or press summary of an official act',
  reported: 'unpublished guidance known from press reports',
  unconfirmed: 'looked for, not confirmed',
};

export function ConfidenceBadge({ confidence }: { confidence: Confidence }) {
  return (
    <span className={`badge confidence-${confidence}`} title={CONFIDENCE_HELP[confidence]}>
      {confidence}
    </span>
  );
}

/** A link that leaves the dashboard: a citation's official text, a chip's source. */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  );
}

/** Sources and citations are free text that often is, or starts with, a URL. */
export function SourceText({ text }: { text: string }) {
  const m = /^(https?:\/\/\S+)(.*)$/s.exec(text);
  if (!m) return <>{text}</>;
  return (
    <>
      <ExternalLink href={m[1]!}>{m[1]}</ExternalLink>
      {m[2]}
    </>
  );
}

export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json" tabIndex={0} aria-label={label}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Wraps a wide table so it scrolls sideways on a phone instead of widening the page. */
export function TableScroll({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-header-extra">{children}</div> : null}
    </header>
  );
}

/** A small definition list for key facts. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
