import { describe, expect, it } from 'vitest';
import { csvCell, fileName, toCsv } from './csv';

describe('CSV export', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('Gold Souk, Dubai')).toBe('"Gold Souk, Dubai"');
    expect(csvCell('22" chain')).toBe('"22"" chain"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it('neutralises text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-12.5)).toBe('-12.5');
  });
  it('writes a header and rows with CRLF line ends and empty cells for missing values', () => {
    expect(toCsv(['month', 'revenue'], [['2026-01', 1200.5], ['2026-02', null]])).toBe('month,revenue\r\n2026-01,1200.5\r\n2026-02,\r\n');
  });
  it('names files after the chart', () => {
    expect(fileName('Net revenue by branch', 'csv')).toBe('net-revenue-by-branch.csv');
  });
});
