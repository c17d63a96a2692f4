// Dates and deadlines as a unit reads them: in the case unit's time zone, with its label
// (WIB/WITA/WIT), in the Indonesian order ("Kamis, 24 Desember 2026 10.00 WIB"), and
// deadlines in words ("2 hari kerja lagi", "terlambat 3 jam"). Names come from the i18n
// catalogs (the `t` passed in), so English reads "Thursday, 24 December 2026 10:00 WIB".

export type T = (key: string, opts?: Record<string, unknown>) => string;

export const DEFAULT_TZ = 'Asia/Jakarta';

const ZONE_LABELS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function zoneLabel(tz: string): string {
  return ZONE_LABELS[tz] ?? tz;
}

interface Parts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 = Sunday
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    });
    fmtCache.set(tz, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function partsIn(date: Date, tz: string): Parts {
  const p: Record<string, string> = {};
  for (const part of formatter(tz).formatToParts(date)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    weekday: WEEKDAYS.indexOf(p.weekday),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

function dateWords(p: Pick<Parts, 'year' | 'month' | 'day' | 'weekday'>, t: T, weekday: boolean): string {
  const d = `${p.day} ${t(`time.month.${p.month}`)} ${p.year}`;
  return weekday ? `${t(`time.weekday.${p.weekday}`)}, ${d}` : d;
}

/** "Kamis, 24 Desember 2026 10.00 WIB" */
export function formatDateTime(iso: string | null | undefined, tz: string, t: T): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = partsIn(d, tz);
  const time = `${two(p.hour)}${t('time.separator')}${two(p.minute)}`;
  return `${dateWords(p, t, true)} ${time} ${zoneLabel(tz)}`;
}

/** A short form for dense lists: "24 Des 2026 10.00 WIB" */
export function formatShortDateTime(iso: string | null | undefined, tz: string, t: T): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = partsIn(d, tz);
  return `${p.day} ${t(`time.monthShort.${p.month}`)} ${p.year} ${two(p.hour)}${t('time.separator')}${two(p.minute)} ${zoneLabel(tz)}`;
}

/** A calendar date (YYYY-MM-DD, no zone): "Kamis, 24 Desember 2026" */
export function formatDate(ymd: string | null | undefined, t: T, weekday = true): string {
  if (!ymd) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const wd = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return dateWords({ year: y, month: mo, day: d, weekday: wd }, t, weekday);
}

/** Today's date in a zone as YYYY-MM-DD. */
export function todayIn(tz: string, now: Date = new Date()): string {
  const p = partsIn(now, tz);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

// Whole weekdays (Monday-Friday) after `from`'s day up to and including `to`'s day, both
// taken in the zone. Public holidays are the server's business (it computed due_at with the
// unit's calendar); this only words the distance.
function workingDaysBetween(from: Date, to: Date, tz: string): number {
  const a = partsIn(from, tz);
  const b = partsIn(to, tz);
  let day = Date.UTC(a.year, a.month - 1, a.day);
  const end = Date.UTC(b.year, b.month - 1, b.day);
  let n = 0;
  while (day < end) {
    day += 86400000;
    const wd = new Date(day).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

export interface Deadline {
  text: string;
  overdue: boolean;
  soon: boolean;
}

/**
 * A deadline in words. Working-day standards ("5 working_days") count working days,
 * others calendar time. Under a day (either way) it counts hours, under an hour minutes.
 */
export function describeDeadline(
  dueIso: string | null | undefined,
  now: Date,
  tz: string,
  t: T,
  standardTime?: string,
): Deadline {
  if (!dueIso) return { text: t('deadline.none'), overdue: false, soon: false };
  const due = new Date(dueIso);
  const ms = due.getTime() - now.getTime();
  const minutes = Math.floor(Math.abs(ms) / 60000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (ms < 0) {
    if (hours < 1) return { text: t('deadline.lateMinutes', { count: Math.max(1, minutes) }), overdue: true, soon: false };
    if (hours < 24) return { text: t('deadline.lateHours', { count: hours }), overdue: true, soon: false };
    return { text: t('deadline.lateDays', { count: days }), overdue: true, soon: false };
  }
  if (hours < 1) return { text: t('deadline.minutesLeft', { count: Math.max(1, minutes) }), overdue: false, soon: true };
  if (hours < 24) return { text: t('deadline.hoursLeft', { count: hours }), overdue: false, soon: true };
  if (standardTime && /working_day/.test(standardTime)) {
    const wd = workingDaysBetween(now, due, tz);
    return { text: t('deadline.workingDaysLeft', { count: Math.max(1, wd) }), overdue: false, soon: wd <= 1 };
  }
  return { text: t('deadline.daysLeft', { count: days }), overdue: false, soon: days <= 1 };
}

/** A duration between two moments in words: "3 jam", "2 hari", "45 menit". */
export function describeDuration(fromIso: string, toIso: string, t: T): string {
  const ms = new Date(toIso).getTime() - new Date(fromIso).getTime();
  const minutes = Math.max(0, Math.round(ms / 60000));
  if (minutes < 60) return t('duration.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('duration.hours', { count: hours });
  return t('duration.days', { count: Math.round(hours / 24) });
}

/** "5 working_days" -> "5 hari kerja"; "15-30 min" -> "15–30 menit"; "none" -> "tanpa batas waktu" */
export function describeStandard(standard: string | undefined, t: T): string {
  if (!standard || standard === 'none') return t('standard.none');
  const m = /^(\d+)(?:-(\d+))?\s+([a-z_]+)$/.exec(standard.trim());
  if (!m) return standard;
  const unit = m[3].replace(/s$/, '');
  const known = ['min', 'hour', 'day', 'working_day', 'week', 'month'];
  if (!known.includes(unit)) return standard;
  const to = m[2] ? Number(m[2]) : Number(m[1]);
  const count = t(`standard.unit.${unit}`, { count: to });
  return m[2] ? `${m[1]}–${m[2]} ${count}` : `${m[1]} ${count}`;
}

/** The standard as milliseconds (upper bound of a range; working days as calendar days), or null. */
export function standardMs(standard: string | undefined): number | null {
  if (!standard) return null;
  const m = /^(\d+)(?:-(\d+))?\s+([a-z_]+)$/.exec(standard.trim());
  if (!m) return null;
  const n = Number(m[2] ?? m[1]);
  const unit = m[3].replace(/s$/, '');
  const per: Record<string, number> = {
    min: 60e3,
    hour: 3600e3,
    day: 86400e3,
    working_day: 86400e3,
    week: 7 * 86400e3,
    month: 30 * 86400e3,
  };
  return per[unit] ? n * per[unit] : null;
}

/** The UTC offset of an Indonesian zone ("+07:00"): they keep no daylight saving time. */
export function zoneOffset(tz: string): string {
  const label = zoneLabel(tz);
  return label === 'WITA' ? '+08:00' : label === 'WIT' ? '+09:00' : '+07:00';
}
