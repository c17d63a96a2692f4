import { describe, expect, it } from 'vitest';
import { currentMonth, exportUrl, fileNameOf, periodOf, periodQuery, validRange } from './period';

describe('report periods', () => {
  // 31 March 2026 18:00 UTC is already 1 April in WIB (UTC+7) but still March in UTC-time zones.
  const boundary = new Date('2026-03-31T18:00:00Z');

  it('take this month, quarter and year in the unit zone', () => {
    expect(currentMonth('Asia/Jakarta', boundary)).toBe('2026-04');
    expect(periodOf('month', 'Asia/Jakarta', boundary)).toBe('2026-04');
    expect(periodOf('quarter', 'Asia/Jakarta', boundary)).toBe('2026-Q2');
    expect(periodOf('year', 'Asia/Jakarta', boundary)).toBe('2026');
    expect(periodOf('quarter', 'UTC', boundary)).toBe('2026-Q1');
    expect(periodOf('quarter', 'Asia/Jayapura', new Date('2026-12-31T14:59:00Z'))).toBe('2026-Q4');
    expect(periodOf('year', 'Asia/Jayapura', new Date('2026-12-31T15:00:00Z'))).toBe('2027');
  });

  it('accept a chosen range only when both months are valid and in order', () => {
    expect(validRange('2026-01', '2026-03')).toBe(true);
    expect(validRange('2026-03', '2026-03')).toBe(true);
    expect(validRange('2026-04', '2026-03')).toBe(false);
    expect(validRange('2026-13', '2026-12')).toBe(false);
    expect(validRange('', '2026-03')).toBe(false);
  });

  it('become the API query and same-origin download URLs', () => {
    expect(periodQuery({ kind: 'quarter', period: '2026-Q2' }, 'u1')).toEqual({ unit: 'u1', period: '2026-Q2' });
    expect(periodQuery({ kind: 'custom', from: '2026-01', to: '2026-05' })).toEqual({ from: '2026-01', to: '2026-05' });
    expect(exportUrl('simfoni', 'xlsx', { unit: 'u1', period: '2026-Q2' })).toBe(
      '/api/v1/reports/simfoni/export?unit=u1&period=2026-Q2&format=xlsx',
    );
    expect(exportUrl('compliance', 'csv', { period: '2026' })).toBe('/api/v1/reports/compliance/export?period=2026&format=csv');
  });

  it('take the server file name only when it is a plain name', () => {
    expect(fileNameOf('attachment; filename="simfoni-DEMO-2026-10_2026-12.xlsx"', 'x.xlsx')).toBe('simfoni-DEMO-2026-10_2026-12.xlsx');
    expect(fileNameOf('attachment; filename="../etc/passwd"', 'x.csv')).toBe('x.csv');
    expect(fileNameOf(null, 'x.csv')).toBe('x.csv');
  });
});
