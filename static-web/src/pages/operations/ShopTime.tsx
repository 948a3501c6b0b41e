import { useApp } from '../../app/context';
import { shopDateTime } from '../../format';

/** An instant in the shop's time zone, machine-readable in its datetime attribute. */
export function ShopTime({ iso, fallback = '—' }: { iso: string | null | undefined; fallback?: string }) {
  const { shop } = useApp();
  return iso ? <time dateTime={iso}>{shopDateTime(iso, shop)}</time> : <>{fallback}</>;
}
