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

// A key kept in the tab opens the shell at once, while /keys/current confirms it (user null until then), so the
// page's own requests go out beside the check instead of after it.
type Session = { status: 'signed-out'; error?: ApiError } | { status: 'signed-in'; key: string; user: CurrentKey | null };

/** Signs in with the key kept for this tab, or asks for one. */
export function Root() {
  const [shop, setShop] = useState<ShopSettings>(defaultShop);
  const [session, setSession] = useState<Session>(() => {
    const key = loadKey();
    return key ? { status: 'signed-in', key, user: null } : { status: 'signed-out' };
  });

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

  if (session.status === 'signed-out') return <SignIn shop={shop} onSignIn={signIn} initialError={session.error} />;
  return <Shell shop={shop} apiKey={session.key} user={session.user} onSignOut={signOut} />;
}
