import { describe, expect, it } from 'vitest';
import { cleanKey, clearKey, hasRole, loadKey, saveKey } from './session';

function memory() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k), items };
}

describe('session', () => {
  it('keeps the key in the given storage and forgets it on sign-out', () => {
    const storage = memory();
    expect(loadKey(storage)).toBeNull();
    saveKey('  ga_abc ', storage);
    expect(loadKey(storage)).toBe('ga_abc');
    clearKey(storage);
    expect(loadKey(storage)).toBeNull();
  });
  it('cleans what people paste', () => {
    expect(cleanKey(' "ga_abc" ')).toBe('ga_abc');
    expect(cleanKey('x-functions-key: ga_abc')).toBe('ga_abc');
  });
  it('ranks roles so each includes the ones before it', () => {
    expect(hasRole('admin', 'manager')).toBe(true);
    expect(hasRole('viewer', 'staff')).toBe(false);
    expect(hasRole('analyst', 'analyst')).toBe(true);
  });
});
