// The API key lives in sessionStorage only: it is gone when the tab closes, never written to disk by us.
const storageKey = 'goldanalytics.key';

export function loadKey(storage: Pick<Storage, 'getItem'> = sessionStorage): string | null {
  const key = storage.getItem(storageKey);
  return key && key.trim() ? key : null;
}

export function saveKey(key: string, storage: Pick<Storage, 'setItem'> = sessionStorage): void {
  storage.setItem(storageKey, key.trim());
}

export function clearKey(storage: Pick<Storage, 'removeItem'> = sessionStorage): void {
  storage.removeItem(storageKey);
}

/** A pasted key, trimmed; quotes and a "x-functions-key:" prefix copied along are dropped. */
export function cleanKey(pasted: string): string {
  return pasted.trim().replace(/^x-functions-key:\s*/i, '').replace(/^["']|["']$/g, '').trim();
}

export const roleRank = { viewer: 0, staff: 1, analyst: 2, manager: 3, admin: 4 } as const;

export function hasRole(role: keyof typeof roleRank, needed: keyof typeof roleRank): boolean {
  return roleRank[role] >= roleRank[needed];
}
