import { useEffect, useState } from 'react';
import { ApiError, createClient } from '../api/client';
import type { CurrentKey } from '../api/types';
import { defaultShop, type ShopSettings } from '../format';
import { clearKey, loadKey, saveKey } from '../state/session';
import { SignIn } from '../pages/SignIn';
import { Shell } from './Shell';

async function loadShop(): Promise<ShopSettings> {
  try {
    const response = await fetch('/shop.json', { cache: 'no-cache' });
    if (!response.ok) return defaultShop;
    return { ...defaultShop, ...((await response.json()) as Partial<ShopSettings>) };
  } catch {
    return defaultShop;
  }
}

type Session = { status: 'checking' } | { status: 'signed-out'; error?: ApiError } | { status: 'signed-in'; key: string; user: CurrentKey };

/** Signs in with the key kept for this tab, or asks for one. */
export function Root() {
  const [shop, setShop] = useState<ShopSettings>(defaultShop);
  const [session, setSession] = useState<Session>(() => (loadKey() ? { status: 'checking' } : { status: 'signed-out' }));

  useEffect(() => {
    void loadShop().then(setShop);
    const key = loadKey();
    if (key) void signIn(key);
  }, []);

  async function signIn(key: string): Promise<ApiError | null> {
    try {
      const user = await createClient(key).get<CurrentKey>('/keys/current');
      saveKey(key);
      setSession({ status: 'signed-in', key, user });
      return null;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError({ status: 0, detail: String(error) });
      if (apiError.unauthorised) clearKey();
      setSession({ status: 'signed-out', error: apiError });
      return apiError;
    }
  }

  function signOut() {
    clearKey();
    setSession({ status: 'signed-out' });
  }

  if (session.status === 'checking') {
    return (
      <div className="splash" role="status">
        Signing in…
      </div>
    );
  }
  if (session.status === 'signed-out') return <SignIn shop={shop} onSignIn={signIn} initialError={session.error} />;
  return <Shell shop={shop} apiKey={session.key} user={session.user} onSignOut={signOut} />;
}
