// The one renderer for every form definition of forms/ (docs/form-format.md): each field
// type, required marks, option sets, conditions; errors from the API (`form.<field>`) are
// shown at the field through the surrounding FormErrorsProvider.
import { useTranslation } from 'react-i18next';
import { Checkbox, ChoiceGroup, SelectField, TextArea, TextField, fieldId } from '../components/form';
import { zoneOffset } from '../lib/time';
import { applicable, isRequired, tableTotal } from './logic';
import type { Bilingual, FormDefinition, FormField, FormRow, FormValue, FormValues, Signature } from './types';

export interface RendererProps {
  def: FormDefinition;
  values: FormValues;
  /** the values' updater (a useState setter): given a function of the previous values, so
   * changes made in the same tick (two cells of a table row) all stay */
  onChange: (update: (previous: FormValues) => FormValues) => void;
  /** people of the case for `person` fields */
  people?: { id: string; label: string }[];
  /** documents of the case for `file` fields */
  documents?: { id: string; label: string }[];
  /** the API's path prefix of the form's fields (`form` for `form.klien`) */
  prefix?: string;
  /** the case unit's zone, for datetime fields */
  tz?: string;
  /** fields whose value comes from elsewhere and are not shown */
  hidden?: string[];
}

export function useBilingual() {
  const { i18n } = useTranslation();
  return (b: Bilingual | undefined) => (b ? (i18n.language === 'en' ? b.en : b.id) : '');
}

export function FormRenderer({ def, values, onChange, people = [], documents = [], prefix = 'form', tz = 'Asia/Jakarta', hidden = [] }: RendererProps) {
  const L = useBilingual();
  const on = applicable(def, values);
  const set = (id: string, v: FieldUpdate) => onChange((previous) => ({ ...previous, [id]: typeof v === 'function' ? v(previous[id]) : v }));
  return (
    <>
      {def.sections
        .filter((s) => on.sections.has(s.id))
        .map((s) => (
          <fieldset className="fieldset form-section" key={s.id}>
            <legend>
              <h3>{L(s.title)}</h3>
            </legend>
            {s.help && <p className="field__hint">{L(s.help)}</p>}
            {s.fields
              .filter((f) => on.fields.has(f.id) && !hidden.includes(f.id))
              .map((f) => (
                <Field key={f.id} f={f} path={`${prefix}.${f.id}`} value={values[f.id]} set={(v) => set(f.id, v)} required={isRequired(f, on.values)} people={people} documents={documents} tz={tz} />
              ))}
          </fieldset>
        ))}
    </>
  );
}

/** a field's new value, or a function of its previous one */
type FieldUpdate = FormValue | ((previous: FormValue) => FormValue);

function rowsOf(value: FormValue): FormRow[] {
  return Array.isArray(value) ? (value as FormRow[]) : [];
}

function signatureOf(value: FormValue): Signature {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Signature) : { signed: false };
}

function Field({
  f,
  path,
  value,
  set,
  required,
  people,
  documents,
  tz,
}: {
  f: FormField;
  path: string;
  value: FormValue;
  set: (v: FieldUpdate) => void;
  required: boolean;
  people: { id: string; label: string }[];
  documents: { id: string; label: string }[];
  tz: string;
}) {
  const { t } = useTranslation();
  const L = useBilingual();
  const label = L(f.label);
  const hint = f.help ? L(f.help) : undefined;
  const optional = !required;
  const str = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const options = (f.options ?? []).map((o) => ({ value: o.value, label: L(o.label) }));
  switch (f.type) {
    case 'text':
    case 'phone':
    case 'nik':
    case 'region':
      return (
        <TextField
          name={path}
          label={label}
          hint={hint ?? (f.type === 'nik' ? t('person.nikHint') : f.type === 'region' ? t('forms.regionHint') : undefined)}
          optional={optional}
          type={f.type === 'phone' ? 'tel' : 'text'}
          inputMode={f.type === 'nik' ? 'numeric' : undefined}
          autoComplete="off"
          maxLength={f.max_length}
          data-level={f.type === 'region' ? f.level ?? 'any' : undefined}
          value={str}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'long_text':
      return <TextArea name={path} label={label} hint={hint} optional={optional} rows={4} maxLength={f.max_length} value={str} onChange={(e) => set(e.target.value)} />;
    case 'number':
      return (
        <TextField
          name={path}
          label={label}
          hint={hint ?? (f.min !== undefined && f.max !== undefined ? t('forms.range', { min: f.min, max: f.max }) : undefined)}
          optional={optional}
          inputMode={f.integer ? 'numeric' : 'decimal'}
          className="input--short"
          data-min={f.min}
          data-max={f.max}
          value={str}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'date':
      return <TextField name={path} label={label} hint={hint} optional={optional} type="date" className="input--date" value={str} onChange={(e) => set(e.target.value)} />;
    case 'datetime': {
      const local = str ? str.slice(0, 16) : '';
      return (
        <TextField
          name={path}
          label={label}
          hint={hint ?? t('forms.datetimeHint')}
          optional={optional}
          type="datetime-local"
          value={local}
          onChange={(e) => set(e.target.value ? `${e.target.value}:00${zoneOffset(tz)}` : '')}
        />
      );
    }
    case 'boolean':
      return (
        <ChoiceGroup
          name={path}
          legend={label}
          hint={hint}
          inline
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          value={value === true ? 'true' : value === false ? 'false' : ''}
          onChange={(v) => set(v === 'true')}
        />
      );
    case 'choice':
      return options.length <= 6 ? (
        <ChoiceGroup name={path} legend={label} hint={hint} options={options} value={str} onChange={(v) => set(v as string)} />
      ) : (
        <SelectField name={path} label={label} hint={hint} optional={optional} empty={t('common.choose')} options={options} value={str} onChange={(e) => set(e.target.value)} />
      );
    case 'multi_choice':
      return (
        <ChoiceGroup name={path} legend={label} hint={hint} multiple options={options} value={Array.isArray(value) ? (value as string[]) : []} onChange={(v) => set(v as string[])} />
      );
    case 'person':
      return (
        <SelectField
          name={path}
          label={label}
          hint={hint}
          optional={optional}
          empty={t('common.choose')}
          options={people.map((p) => ({ value: p.id, label: p.label }))}
          value={str}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'file':
      return (
        <SelectField
          name={path}
          label={label}
          hint={hint ?? t('forms.fileHint')}
          optional={optional}
          empty={t('common.choose')}
          options={documents.map((d) => ({ value: d.id, label: d.label }))}
          value={str}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'signature': {
      const sig = signatureOf(value);
      const setSig = (change: Partial<Signature>) => set((previous) => ({ ...signatureOf(previous), ...change }));
      return (
        <fieldset className="fieldset signature" id={fieldId(path)} tabIndex={-1}>
          <legend className="field__label">
            {label}
            {optional && <span className="field__optional"> {t('form.optional')}</span>}
          </legend>
          <Checkbox name={`${path}.signed`} label={t('forms.signed')} hint={t('forms.signedHint')} aliases={[path]} checked={sig.signed} onChange={(v) => setSig({ signed: v })} />
          {sig.signed && (
            <div className="form-row">
              <TextField name={`${path}.name`} label={t('forms.signerName')} autoComplete="off" value={sig.name ?? ''} onChange={(e) => setSig({ name: e.target.value })} />
              <TextField name={`${path}.date`} label={t('forms.signedOn')} optional type="date" className="input--date" value={sig.date ?? ''} onChange={(e) => setSig({ date: e.target.value })} />
            </div>
          )}
        </fieldset>
      );
    }
    case 'table': {
      const rows = rowsOf(value);
      // Each change applies to the rows as they are then, not as rendered.
      const setRows = (update: (rows: FormRow[]) => FormRow[]) => set((previous) => update(rowsOf(previous)));
      const setCell = (i: number, column: string, v: FieldUpdate) =>
        setRows((current) =>
          current.map((r, j) => (j === i ? { ...r, [column]: (typeof v === 'function' ? v(r[column] as FormValue) : v) as FormRow[string] } : r)),
        );
      const max = f.max ?? 200;
      return (
        <fieldset className="fieldset form-table" id={fieldId(path)} tabIndex={-1}>
          <legend className="field__label">
            {label}
            {optional && <span className="field__optional"> {t('form.optional')}</span>}
          </legend>
          {hint && <p className="field__hint">{hint}</p>}
          {rows.map((row, i) => (
            <fieldset className="fieldset form-table__row" key={i}>
              <legend>{t('forms.row', { n: i + 1 })}</legend>
              {(f.columns ?? []).map((col) => (
                <Field
                  key={col.id}
                  f={col}
                  path={`${path}.${i}.${col.id}`}
                  value={row[col.id] as FormValue}
                  set={(v) => setCell(i, col.id, v)}
                  required={col.required}
                  people={people}
                  documents={documents}
                  tz={tz}
                />
              ))}
              <button type="button" className="button button--secondary" onClick={() => setRows((current) => current.filter((_, j) => j !== i))}>
                {t('forms.removeRow', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          {rows.length < max && (
            <button type="button" className="button button--secondary" onClick={() => setRows((current) => [...current, {}])}>
              {t('forms.addRow')}
            </button>
          )}
          {(f.columns ?? [])
            .filter((col) => col.total)
            .map((col) => (
              <p className="form-table__total" key={col.id} data-testid={`${path}.total`}>
                {t('forms.total', { label: L(col.label), total: tableTotal(rows, col.id).toLocaleString('id-ID') })}
              </p>
            ))}
        </fieldset>
      );
    }
    default:
      return null;
  }
}
