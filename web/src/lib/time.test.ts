import { describe, expect, it, beforeAll } from 'vitest';
import i18n from '../i18n';
import { describeDeadline, describeDuration, describeStandard, formatDate, formatDateTime, zoneLabel, type T } from './time';

const t = ((k: string, o?: Record<string, unknown>) => i18n.t(k, o)) as T;

describe('dates in the unit zone, Indonesian format', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('id');
  });

  it('formats a UTC moment in WIB, WITA and WIT with the weekday and month names', () => {
    // 03:00 UTC = 10.00 WIB, 11.00 WITA, 12.00 WIT on Thursday 24 December 2026.
    expect(formatDateTime('2026-12-24T03:00:00.000Z', 'Asia/Jakarta', t)).toBe('Kamis, 24 Desember 2026 10.00 WIB');
    expect(formatDateTime('2026-12-24T03:00:00.000Z', 'Asia/Makassar', t)).toBe('Kamis, 24 Desember 2026 11.00 WITA');
    expect(formatDateTime('2026-12-24T03:00:00.000Z', 'Asia/Jayapura', t)).toBe('Kamis, 24 Desember 2026 12.00 WIT');
    expect(formatDateTime('2026-12-24T03:00:00.000Z', 'Asia/Pontianak', t)).toBe('Kamis, 24 Desember 2026 10.00 WIB');
  });

  it('moves to the next day in the zone when UTC is still the day before', () => {
    // 20:30 UTC on 31 Dec = 05.30 WIT on Friday 1 January 2027.
    expect(formatDateTime('2026-12-31T20:30:00.000Z', 'Asia/Jayapura', t)).toBe('Jumat, 1 Januari 2027 05.30 WIT');
  });

  it('labels the Indonesian zones', () => {
    expect(zoneLabel('Asia/Jakarta')).toBe('WIB');
    expect(zoneLabel('Asia/Makassar')).toBe('WITA');
    expect(zoneLabel('Asia/Jayapura')).toBe('WIT');
  });

  it('formats a calendar date without shifting it', () => {
    expect(formatDate('2014-03-02', t)).toBe('Minggu, 2 Maret 2014');
  });

  it('formats in English when English is chosen', async () => {
    await i18n.changeLanguage('en');
    expect(formatDateTime('2026-12-24T03:00:00.000Z', 'Asia/Jakarta', t)).toBe('Thursday, 24 December 2026 10:00 WIB');
    await i18n.changeLanguage('id');
  });
});

describe('deadlines in words', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('id');
  });
  const tz = 'Asia/Jakarta';

  it('counts working days, skipping the weekend', () => {
    // Thursday 24 Dec 2026 10.00 WIB -> due Monday 28 Dec 16.59 WIB: Fri + Mon = 2 working days.
    const now = new Date('2026-12-24T03:00:00.000Z');
    const d = describeDeadline('2026-12-28T09:59:00.000Z', now, tz, t, '3 working_days');
    expect(d).toEqual({ text: '2 hari kerja lagi', overdue: false, soon: false });
  });

  it('says how late an overdue task is, in hours and then days', () => {
    const now = new Date('2026-12-24T06:00:00.000Z');
    expect(describeDeadline('2026-12-24T03:00:00.000Z', now, tz, t).text).toBe('terlambat 3 jam');
    expect(describeDeadline('2026-12-24T03:00:00.000Z', now, tz, t).overdue).toBe(true);
    expect(describeDeadline('2026-12-21T03:00:00.000Z', now, tz, t).text).toBe('terlambat 3 hari');
    expect(describeDeadline('2026-12-24T05:40:00.000Z', now, tz, t).text).toBe('terlambat 20 menit');
  });

  it('counts hours and minutes when less than a day is left', () => {
    const now = new Date('2026-12-24T03:00:00.000Z');
    expect(describeDeadline('2026-12-24T08:00:00.000Z', now, tz, t, '1 working_days')).toEqual({
      text: '5 jam lagi',
      overdue: false,
      soon: true,
    });
    expect(describeDeadline('2026-12-24T03:10:00.000Z', now, tz, t, '10 min').text).toBe('10 menit lagi');
  });

  it('has no deadline for a standard of none', () => {
    expect(describeDeadline(null, new Date(), tz, t).text).toBe('tanpa tenggat');
  });

  it('speaks English plurals', async () => {
    await i18n.changeLanguage('en');
    const now = new Date('2026-12-24T06:00:00.000Z');
    expect(describeDeadline('2026-12-24T05:00:00.000Z', now, tz, t).text).toBe('1 hour late');
    expect(describeDeadline('2026-12-24T03:00:00.000Z', now, tz, t).text).toBe('3 hours late');
    await i18n.changeLanguage('id');
  });
});

describe('standard times and durations', () => {
  it('words the SOP standard times', async () => {
    await i18n.changeLanguage('id');
    expect(describeStandard('5 working_days', t)).toBe('5 hari kerja');
    expect(describeStandard('15-30 min', t)).toBe('15–30 menit');
    expect(describeStandard('1 days', t)).toBe('1 hari');
    expect(describeStandard('none', t)).toBe('tanpa batas waktu');
    await i18n.changeLanguage('en');
    expect(describeStandard('1 days', t)).toBe('1 day');
    expect(describeStandard('1-3 months', t)).toBe('1–3 months');
    await i18n.changeLanguage('id');
  });

  it('words a duration', () => {
    expect(describeDuration('2026-12-24T03:00:00Z', '2026-12-24T03:45:00Z', t)).toBe('45 menit');
    expect(describeDuration('2026-12-24T03:00:00Z', '2026-12-24T06:00:00Z', t)).toBe('3 jam');
    expect(describeDuration('2026-12-24T03:00:00Z', '2026-12-27T03:00:00Z', t)).toBe('3 hari');
  });
});
