// Report periods as the reports API takes them (docs/reports.md "Periods"): a year `2026`, a
// quarter `2026-Q2`, a month `2026-05`, or months `from`..`to`. "This month" is the month in
// the unit's time zone, not the browser's.
import { todayIn } from '../lib/time';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** `period=` for month / quarter / year. */
  period?: string;
  /** `from=` / `to=` (YYYY-MM) for a chosen range. */
  from?: string;
  to?: string;
}

/** The current month in a zone as YYYY-MM. */
export function currentMonth(tz: string, now: Date = new Date()): string {
  return todayIn(tz, now).slice(0, 7);
}

/** This month, quarter or year (in the zone) as the API's `period`. */
export function periodOf(kind: 'month' | 'quarter' | 'year', tz: string, now: Date = new Date()): string {
  const ym = currentMonth(tz, now);
  const year = ym.slice(0, 4);
  if (kind === 'year') return year;
  if (kind === 'month') return ym;
  const q = Math.floor((Number(ym.slice(5, 7)) - 1) / 3) + 1;
  return `${year}-Q${q}`;
}

/** A valid month range: both YYYY-MM, from not after to. */
export function validRange(from: string | undefined, to: string | undefined): boolean {
  const re = /^\d{4}-(0[1-9]|1[0-2])$/;
  return !!from && !!to && re.test(from) && re.test(to) && from <= to;
}

/** The query parameters of a period (and unit) for the reports API. */
export function periodQuery(p: Period, unit?: string): Record<string, string> {
  const q: Record<string, string> = {};
  if (unit) q.unit = unit;
  if (p.kind === 'custom') {
    if (p.from) q.from = p.from;
    if (p.to) q.to = p.to;
  } else if (p.period) q.period = p.period;
  return q;
}

/** A same-origin download URL of an export (a plain link carries the session cookie). */
export function exportUrl(
  report: 'simfoni' | 'compliance' | 'statistics',
  format: 'xlsx' | 'csv',
  query: Record<string, string>,
): string {
  const q = new URLSearchParams({ ...query, format });
  return `/api/v1/reports/${report}/export?${q.toString()}`;
}

/** The file name from a Content-Disposition header, or a fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const m = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  const name = m?.[1]?.trim();
  // Only a plain file name: no path, nothing a file system would read specially.
  return name && /^[A-Za-z0-9._-]+$/.test(name) ? name : fallback;
}
