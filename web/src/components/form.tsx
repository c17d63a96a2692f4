// Form pieces in the GOV.UK manner: label above, hint under it, the error message at the
// field, and an error summary at the top linking to each field. Errors come from the API
// (`field`, `message_id` / `message`), so the server stays the one judge of what is valid.
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function fieldId(path: string): string {
  return 'f-' + path.replace(/[^A-Za-z0-9_-]/g, '-');
}

export function useErrorText() {
  const { i18n } = useTranslation();
  return (e: unknown): string => {
    if (e instanceof ApiError) return i18n.language === 'en' ? e.body.message : e.body.message_id;
    return i18n.language === 'en' ? 'Something went wrong.' : 'Terjadi kesalahan.';
  };
}

/** The error of a form: the API error (if any) and extra local errors by field path. */
export interface FormErrors {
  error: unknown;
  local?: Record<string, string>;
}

const ErrorsCtx = createContext<FormErrors>({ error: null });

export function FormErrorsProvider({ value, children }: { value: FormErrors; children: ReactNode }) {
  return <ErrorsCtx.Provider value={value}>{children}</ErrorsCtx.Provider>;
}

function useFieldError(path: string | undefined, aliases: string[] = []): string | undefined {
  const { error, local } = useContext(ErrorsCtx);
  const text = useErrorText();
  if (!path) return undefined;
  if (local && local[path]) return local[path];
  if (error instanceof ApiError && error.field) {
    const f = error.field;
    if (f === path || aliases.includes(f) || f.startsWith(path + '.') || f.startsWith(path + '[')) return text(error);
  }
  return undefined;
}

export function ErrorSummary({ error, local }: FormErrors) {
  const { t } = useTranslation();
  const text = useErrorText();
  const ref = useRef<HTMLDivElement>(null);
  const items: { path?: string; msg: string }[] = [];
  if (local) for (const [path, msg] of Object.entries(local)) items.push({ path, msg });
  if (error) items.push({ path: error instanceof ApiError ? error.field : undefined, msg: text(error) });
  const key = items.map((i) => i.msg).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.errorSummary')}</h2>
      <ul>
        {items.map((it, i) => {
          const target = it.path ? findFieldElement(it.path) : null;
          return (
            <li key={i}>
              {target ? (
                <a
                  href={`#${target}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    document.getElementById(target)?.focus();
                  }}
                >
                  {it.msg}
                </a>
              ) : (
                it.msg
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function findFieldElement(path: string): string | null {
  if (typeof document === 'undefined') return null;
  // The API names a JSON path; the nearest field on the page that has it (or a parent) wins.
  let p = path;
  for (;;) {
    const id = fieldId(p);
    if (document.getElementById(id)) return id;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return null;
    p = p.slice(0, cut);
  }
}

interface BaseProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** other API field names whose errors belong to this field */
  aliases?: string[];
  optional?: boolean;
}

function Wrapper({
  name,
  label,
  hint,
  error,
  optional,
  children,
}: BaseProps & { error?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const id = fieldId(name);
  return (
    <div className={'field' + (error ? ' field--error' : '')}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> {t('form.optional')}</span>}
      </label>
      {hint && (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">{t('form.errorPrefix')}</span> {error}
        </p>
      )}
      {children}
    </div>
  );
}

function describedBy(name: string, hint: unknown, error: unknown): string | undefined {
  const id = fieldId(name);
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField(props: BaseProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const { name, label, hint, aliases, optional, className, ...rest } = props;
  const error = useFieldError(name, aliases);
  return (
    <Wrapper name={name} label={label} hint={hint} error={error} optional={optional}>
      <input
        id={fieldId(name)}
        name={name}
        className={'input' + (className ? ' ' + className : '')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
      />
    </Wrapper>
  );
}

export function TextArea(props: BaseProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  const { name, label, hint, aliases, optional, ...rest } = props;
  const error = useFieldError(name, aliases);
  return (
    <Wrapper name={name} label={label} hint={hint} error={error} optional={optional}>
      <textarea
        id={fieldId(name)}
        name={name}
        className="textarea"
        rows={5}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
      />
    </Wrapper>
  );
}

export function SelectField(
  props: BaseProps &
    Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & {
      options: { value: string; label: string }[];
      empty?: string;
    },
) {
  const { name, label, hint, aliases, optional, options, empty, ...rest } = props;
  const error = useFieldError(name, aliases);
  return (
    <Wrapper name={name} label={label} hint={hint} error={error} optional={optional}>
      <select
        id={fieldId(name)}
        name={name}
        className="select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

export function Checkbox({
  name,
  label,
  hint,
  checked,
  onChange,
  aliases,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (v: boolean) => void;
  aliases?: string[];
}) {
  const error = useFieldError(name, aliases);
  const id = fieldId(name);
  return (
    <div className={'checkbox' + (error ? ' field--error' : '')}>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy(name, hint, error)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <div className="field__hint checkbox__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
}

/** A group of radios or checkboxes in a fieldset with a legend. */
export function ChoiceGroup({
  name,
  legend,
  hint,
  options,
  value,
  onChange,
  multiple,
  aliases,
  inline,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  value: string | string[];
  onChange: (v: string | string[]) => void;
  multiple?: boolean;
  aliases?: string[];
  inline?: boolean;
}) {
  const error = useFieldError(name, aliases);
  const id = fieldId(name);
  const selected = Array.isArray(value) ? value : value ? [value] : [];
  return (
    <fieldset
      className={'field fieldset' + (error ? ' field--error' : '') + (inline ? ' fieldset--inline' : '')}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="choices" id={id} tabIndex={-1}>
        {options.map((o, i) => {
          const oid = `${id}-${i}`;
          const on = selected.includes(o.value);
          return (
            <div className="choice" key={o.value}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                id={oid}
                name={name}
                value={o.value}
                checked={on}
                onChange={() => {
                  if (multiple) onChange(on ? selected.filter((v) => v !== o.value) : [...selected, o.value]);
                  else onChange(o.value);
                }}
              />
              <label htmlFor={oid}>
                {o.label}
                {o.hint && <span className="choice__hint">{o.hint}</span>}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
