import type { FormCondition, FormDefinition, FormField, FormRow, FormValue, FormValues } from './types';

export function answered(v: FormValue): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** Does a condition hold on the values (of fields that apply)? As the server decides it. */
export function holds(c: FormCondition | undefined, values: FormValues): boolean {
  if (!c) return true;
  const v = c.field ? values[c.field] : undefined;
  const vals = c.values ?? [];
  switch (c.op) {
    case 'equals':
      return answered(v) && vals.includes(String(v));
    case 'not_equals':
      return !answered(v) || !vals.includes(String(v));
    case 'in':
      return answered(v) && vals.includes(String(v));
    case 'includes':
      return Array.isArray(v) && v.some((x) => typeof x === 'string' && vals.includes(x));
    case 'present':
      return answered(v) === (c.present ?? true);
    case 'all':
      return (c.conditions ?? []).every((x) => holds(x, values));
    case 'any':
      return (c.conditions ?? []).some((x) => holds(x, values));
    default:
      return true;
  }
}

/**
 * The values of the fields that apply, in form order: a field whose own or section's `when`
 * fails counts as not answered for the conditions after it, and is not sent.
 */
export function applicable(def: FormDefinition, values: FormValues): { fields: Set<string>; sections: Set<string>; values: FormValues } {
  const seen: FormValues = {};
  const fields = new Set<string>();
  const sections = new Set<string>();
  for (const s of def.sections) {
    const sectionOn = holds(s.when, seen);
    if (sectionOn) sections.add(s.id);
    for (const f of s.fields) {
      if (sectionOn && holds(f.when, seen)) {
        fields.add(f.id);
        if (answered(values[f.id])) seen[f.id] = values[f.id];
      }
    }
  }
  return { fields, sections, values: seen };
}

/** A table's row as sent: answered cells only, numbers as numbers. */
function tableRow(table: FormField, row: FormRow): FormRow {
  const out: FormRow = {};
  for (const col of table.columns ?? []) {
    const v = row[col.id];
    if (!answered(v as FormValue)) continue;
    out[col.id] = col.type === 'number' && typeof v === 'string' ? Number(v.replace(',', '.')) : v;
  }
  return out;
}

/** The sum of a table's `total` column over its rows (cells not yet a number count 0). */
export function tableTotal(rows: FormValue, column: string): number {
  if (!Array.isArray(rows)) return 0;
  return (rows as FormRow[]).reduce((sum, row) => {
    const n = Number(String(row?.[column] ?? '').replace(',', '.'));
    return sum + (Number.isFinite(n) ? n : 0);
  }, 0);
}

export function isRequired(f: FormField, values: FormValues): boolean {
  return f.required || (!!f.required_when && holds(f.required_when, values));
}

/** What a filled form sends: answered fields that apply, numbers as numbers. */
export function submission(def: FormDefinition, values: FormValues): FormValues {
  const { values: seen } = applicable(def, values);
  const out: FormValues = {};
  const byId = new Map(def.sections.flatMap((s) => s.fields.map((f) => [f.id, f] as const)));
  for (const [k, v] of Object.entries(seen)) {
    const f = byId.get(k);
    if (f?.type === 'table' && Array.isArray(v)) {
      const rows = (v as FormRow[]).map((row) => tableRow(f, row)).filter((row) => Object.keys(row).length > 0);
      if (rows.length > 0) out[k] = rows;
      continue;
    }
    if (f?.type === 'number' && typeof v === 'string') out[k] = Number(v.replace(',', '.'));
    else if (f?.type === 'signature' && v && typeof v === 'object' && !Array.isArray(v)) {
      const s = v as { signed: boolean; name?: string; date?: string };
      if (!s.signed) continue;
      out[k] = { signed: true, name: s.name?.trim() || undefined, date: s.date || undefined } as FormValue;
    } else out[k] = v;
  }
  return out;
}
