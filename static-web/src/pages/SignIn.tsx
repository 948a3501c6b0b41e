import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client';
import type { ShopSettings } from '../format';
import { cleanKey } from '../state/session';

interface Props {
  shop: ShopSettings;
  onSignIn: (key: string) => Promise<ApiError | null>;
  initialError?: ApiError;
}

export function SignIn({ shop, onSignIn, initialError }: Props) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(initialError ?? null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const cleaned = cleanKey(key);
    if (!cleaned) return;
    setBusy(true);
    setError(await onSignIn(cleaned));
    setBusy(false);
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="brand large">
          <span className="brand-mark" aria-hidden="true" />
          {shop.name}
        </div>
        <h1 id="sign-in-title">Sign in</h1>
        <p className="muted">Paste the API key you were given. It is kept in this browser tab only and forgotten when you close it.</p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="ga_…"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'sign-in-error' : undefined}
          autoFocus
          required
        />
        {error && (
          <p id="sign-in-error" className="form-error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {error.unauthorised ? `This key was not accepted: ${error.message}` : error.message}
            {error.problem.code && <span className="muted small"> ({error.problem.code})</span>}
          </p>
        )}
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
