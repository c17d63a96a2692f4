// Form definitions as GET /api/v1/forms/{name} answers them (docs/form-format.md).
export interface Bilingual {
  id: string;
  en: string;
}
export interface FormCondition {
  op: 'equals' | 'not_equals' | 'in' | 'includes' | 'present' | 'all' | 'any';
  field?: string;
  values?: string[];
  present?: boolean;
  conditions?: FormCondition[];
}
export type FieldType =
  | 'text'
  | 'long_text'
  | 'number'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'choice'
  | 'multi_choice'
  | 'phone'
  | 'nik'
  | 'region'
  | 'person'
  | 'signature'
  | 'file'
  | 'table';
export interface FormField {
  id: string;
  label: Bilingual;
  help?: Bilingual;
  type: FieldType;
  required: boolean;
  required_when?: FormCondition;
  when?: FormCondition;
  sensitive: boolean;
  integer?: boolean;
  past?: boolean;
  min?: number;
  max?: number;
  max_length?: number;
  level?: string;
  options?: { value: string; label: Bilingual }[];
  /** table: the fields of one row (min / max count the rows) */
  columns?: FormField[];
  /** a table's number column, summed over the rows */
  total?: boolean;
}
export interface FormSection {
  id: string;
  title: Bilingual;
  help?: Bilingual;
  when?: FormCondition;
  fields: FormField[];
}
export interface FormDefinition {
  id: string;
  title: Bilingual;
  description: Bilingual;
  sections: FormSection[];
}
export interface Signature {
  signed: boolean;
  name?: string;
  date?: string;
}
/** One row of a table: column id -> value. */
export type FormRow = { [column: string]: string | number | boolean | string[] | null | undefined };
export type FormValue = string | number | boolean | string[] | Signature | FormRow[] | null | undefined;
export type FormValues = Record<string, FormValue>;
