import { describe, expect, it } from 'vitest';
import { businessDate, byUnit, grams, money, percent, shopDateTime, shopDay, signedPercent } from './format';

const dubai = { name: 'Shop', currency: 'AED', locale: 'en-AE', timeZone: 'Asia/Dubai' };
const berlin = { name: 'Shop', currency: 'EUR', locale: 'de-DE', timeZone: 'Europe/Berlin' };
const nbsp = '\u00a0';

describe('money', () => {
  it('uses the shop currency and locale with two decimals', () => {
    expect(money(1234.5, dubai)).toBe(`AED${nbsp}1,234.50`);
    expect(money(1234.5, berlin)).toBe(`1.234,50${nbsp}€`);
  });
  it('shortens large amounts on axes and badges', () => {
    expect(money(1_234_567, dubai, true)).toBe(`AED${nbsp}1.2M`);
  });
  it('shows a dash for a missing value instead of zero', () => {
    expect(money(null, dubai)).toBe('—');
    expect(money(undefined, dubai)).toBe('—');
  });
});

describe('weights and ratios', () => {
  it('formats grams with precision that fits the size', () => {
    expect(grams(2.5, dubai)).toBe('2.5 g');
    expect(grams(12.345, dubai)).toBe('12.3 g');
    expect(grams(15234.7, dubai)).toBe('15,235 g');
    expect(grams(15234.7, berlin)).toBe('15.235 g');
  });
  it('formats ratios as percentages and signs changes', () => {
    expect(percent(0.2345, dubai)).toBe('23.5%');
    expect(signedPercent(0.042, dubai)).toBe('+4.2%');
    expect(signedPercent(-0.0312, dubai)).toBe('-3.1%');
    expect(signedPercent(0, dubai)).toBe('0.0%');
    expect(signedPercent(null, dubai)).toBe('—');
  });
  it('chooses the format from the KPI unit', () => {
    expect(byUnit(10, 'money', dubai)).toBe(`AED${nbsp}10.00`);
    expect(byUnit(0.5, 'ratio', dubai)).toBe('50.0%');
    expect(byUnit(3.25, 'grams', dubai)).toBe('3.25 g');
    expect(byUnit(42.25, 'days', dubai)).toBe('42.3 d');
    expect(byUnit(4.5, 'turns', dubai)).toBe('4.5×');
    expect(byUnit(1234, 'count', dubai)).toBe('1,234');
  });
});

describe('dates in the shop time zone', () => {
  it('takes the calendar day in the shop, not in the browser', () => {
    // 21:30 UTC on 31 January is already 1 February in Dubai (UTC+4).
    expect(shopDay(new Date('2026-01-31T21:30:00Z'), 'Asia/Dubai')).toBe('2026-02-01');
    expect(shopDay(new Date('2026-01-31T21:30:00Z'), 'America/New_York')).toBe('2026-01-31');
  });
  it('never shifts a business date by the viewer time zone', () => {
    expect(businessDate('2026-03-01', dubai)).toBe('1 Mar 2026');
    expect(businessDate('2026-03-01', { ...dubai, locale: 'en-US' }, 'month')).toBe('Mar 2026');
  });
  it('shows instants in the shop clock', () => {
    expect(shopDateTime('2026-03-01T20:15:00Z', { ...dubai, locale: 'en-GB' })).toBe('2 Mar 2026, 00:15');
  });
});
