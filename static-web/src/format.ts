// Numbers, money, weights and dates the way the shop reads them: its currency, locale and time zone.

export interface ShopSettings {
  name: string;
  currency: string;
  locale: string;
  timeZone: string;
}

export const defaultShop: ShopSettings = { name: 'GoldAnalytics', currency: 'AED', locale: 'en-AE', timeZone: 'Asia/Dubai' };

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

export const emptyValue = '—';

export function money(value: number | null | undefined, shop: ShopSettings, compact = false): string {
  if (value == null || Number.isNaN(value)) return emptyValue;
  return numberFormat(shop.locale, {
    style: 'currency',
    currency: shop.currency,
    ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  }).format(value);
}

/** Money rounded to whole currency units, for headline numbers. */
export function wholeMoney(value: number | null | undefined, shop: ShopSettings): string {
  if (value == null || Number.isNaN(value)) return emptyValue;
  return numberFormat(shop.locale, { style: 'currency', currency: shop.currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(value);
}

export function grams(value: number | null | undefined, shop: ShopSettings): string {
  if (value == null || Number.isNaN(value)) return emptyValue;
  const digits = Math.abs(value) >= 1000 ? 0 : Math.abs(value) >= 10 ? 1 : 3;
  return `${numberFormat(shop.locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)} g`;
}

export function percent(ratio: number | null | undefined, shop: ShopSettings, digits = 1): string {
  if (ratio == null || Number.isNaN(ratio)) return emptyValue;
  return numberFormat(shop.locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio);
}

/** A change as "+4.2 %" / "−3.1 %", always signed so it reads without colour. */
export function signedPercent(ratio: number | null | undefined, shop: ShopSettings): string {
  if (ratio == null || Number.isNaN(ratio)) return emptyValue;
  return numberFormat(shop.locale, { style: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratio);
}

export function count(value: number | null | undefined, shop: ShopSettings, digits = 0): string {
  if (value == null || Number.isNaN(value)) return emptyValue;
  return numberFormat(shop.locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** Formats a KPI value by the unit the API gives it: money, percent/ratio, grams, days, count. */
export function byUnit(value: number | null | undefined, unit: string, shop: ShopSettings, compact = false): string {
  switch (unit) {
    case 'money':
    case 'currency':
      return money(value, shop, compact);
    case 'ratio':
    case 'percent':
      return percent(value, shop);
    case 'grams':
    case 'g':
      return grams(value, shop);
    case 'days':
      return value == null ? emptyValue : `${count(value, shop, 1)} d`;
    case 'turns':
      return value == null ? emptyValue : `${count(value, shop, 2)}×`;
    default:
      return count(value, shop, Math.abs(value ?? 0) < 100 ? 2 : 0);
  }
}

/** The shop's calendar day (yyyy-mm-dd) of an instant. */
export function shopDay(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A business date (yyyy-mm-dd, no time) in the shop's locale; never shifted by the viewer's time zone. */
export function businessDate(day: string, shop: ShopSettings, style: 'short' | 'medium' | 'month' = 'medium'): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d ?? 1));
  const options: Intl.DateTimeFormatOptions =
    style === 'month' ? { year: 'numeric', month: 'short' } : style === 'short' ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(shop.locale, { ...options, timeZone: 'UTC' }).format(date);
}

/** An instant (ISO timestamp) as the shop's local date and time. */
export function shopDateTime(iso: string, shop: ShopSettings): string {
  return new Intl.DateTimeFormat(shop.locale, { timeZone: shop.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function shopTime(instant: Date, shop: ShopSettings): string {
  return new Intl.DateTimeFormat(shop.locale, { timeZone: shop.timeZone, timeStyle: 'medium' }).format(instant);
}
