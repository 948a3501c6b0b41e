import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';

export function Loading({ label = 'Loading', rows = 3 }: { label?: string; rows?: number }) {
  return (
    <div className="state loading" role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{label}…</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ width: `${90 - i * 15}%` }} />
      ))}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty" role="status">
      <svg aria-hidden="true" viewBox="0 0 48 48" width="40" height="40">
        <rect x="6" y="28" width="8" height="12" rx="2" fill="#d9cfb8" />
        <rect x="20" y="20" width="8" height="20" rx="2" fill="#e6dcc4" />
        <rect x="34" y="12" width="8" height="28" rx="2" fill="#efe7d3" />
      </svg>
      <h3>{title}</h3>
      {children && <p className="muted">{children}</p>}
    </div>
  );
}

/** A failed request: the server's own words (problem details), its code and request id, and a retry. */
export function ErrorState({ error, onRetry, what }: { error: ApiError; onRetry: () => void; what: string }) {
  if (error.notAvailable) return <NotAvailable what={what} />;
  const { problem } = error;
  return (
    <div className="state error" role="alert">
      <h3>
        <span aria-hidden="true">⚠ </span>Could not load {what}
      </h3>
      <p className="problem-detail">{error.message}</p>
      {problem.errors && problem.errors.length > 0 && (
        <ul className="small">
          {problem.errors.map((e) => (
            <li key={e.field + e.code}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">
        {problem.status > 0 && <>HTTP {problem.status}</>}
        {problem.code && <> · {problem.code}</>}
        {problem.requestId && <> · request {problem.requestId}</>}
      </p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

export function NotAvailable({ what }: { what: string }) {
  return (
    <div className="state not-available" role="status" data-testid="not-available">
      <svg aria-hidden="true" viewBox="0 0 48 48" width="40" height="40">
        <circle cx="24" cy="24" r="18" fill="none" stroke="#b9a77f" strokeWidth="3" strokeDasharray="6 5" />
        <path d="M24 15v11l7 4" stroke="#8a6116" strokeWidth="3" fill="none" strokeLinecap="round" />
      </svg>
      <h3>{capitalise(what)}: not available yet</h3>
      <p className="muted">This server does not offer {what} yet. It appears here as soon as the server is updated; nothing to do on your side.</p>
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
