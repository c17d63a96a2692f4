// Shapes of the API answers the UI reads (docs/api/openapi.yaml).

export interface Role {
  unit_id: string;
  role: string;
}
export interface User {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  partner_id: string | null;
  language?: 'id' | 'en';
  /** two-step log-in is on; a unit makes it mandatory for this account (it cannot be turned off) */
  two_factor_enabled?: boolean;
  two_factor_mandatory?: boolean;
}
export interface Unit {
  id: string;
  code: string;
  name: string;
  level: string;
  time_zone: string;
  sop_pack: string;
}
export interface SessionInfo {
  user: User;
  units?: Unit[];
  csrf_token: string;
  two_factor_enrolment_required: boolean;
  expires_at?: string;
}

export type Channel =
  | 'walk_in'
  | 'phone'
  | 'hotline'
  | 'whatsapp'
  | 'letter'
  | 'online_form'
  | 'outreach'
  | 'referral_in';
export const CHANNELS: Channel[] = [
  'walk_in',
  'phone',
  'hotline',
  'whatsapp',
  'letter',
  'online_form',
  'outreach',
  'referral_in',
];
export const RELATIONS = ['self', 'parent', 'family', 'neighbour', 'teacher', 'agency', 'other'] as const;

export interface PersonOut {
  person_id?: string;
  role?: string;
  name?: string | null;
  sex?: 'female' | 'male';
  disability?: boolean;
  birth_date?: string;
  age_years?: number;
  nik?: string;
  phone?: string;
  address?: string;
  relation?: string;
  is_client?: boolean;
  guardian_of?: string;
  [k: string]: unknown;
}

export interface Consent {
  id?: string;
  consent_id?: string;
  client_id: string;
  given_by: string;
  scopes: string[];
  given?: boolean;
  status?: 'active' | 'refused' | 'withdrawn';
  signed_statement?: boolean;
  partner_id?: string;
  /** a consent to share data with another unit (a transfer) names the unit */
  unit_id?: string;
  recorded_at?: string;
  at?: string;
  [k: string]: unknown;
}

export interface Case {
  id: string;
  number: string;
  unit_id: string;
  status: 'open' | 'in_progress' | 'closed';
  channel: Channel;
  crisis: boolean;
  sensitive: boolean;
  received_at: string;
  created_at: string;
  updated_at: string;
  created_by: string;
  version: number;
  reporter: PersonOut;
  client: PersonOut;
  narrative: string;
  incident_date?: string;
  referred_by?: string;
  people?: PersonOut[];
  incidents?: Record<string, unknown>[];
  consents?: Consent[];
  classification?: Record<string, unknown> | null;
  referrals?: Record<string, unknown>[];
  [k: string]: unknown;
}

/** A case as the list shows it: initials only, and the open step due next. */
export interface CaseSummary {
  id: string;
  number: string;
  unit_id: string;
  status: 'open' | 'in_progress' | 'closed';
  channel: Channel;
  crisis: boolean;
  sensitive: boolean;
  received_at: string;
  updated_at: string;
  version: number;
  client_initials: string | null;
  open_tasks: number;
  next_task: { id: string; sop_id: string; step_id: string; role: string; due_at: string | null; overdue: boolean } | null;
}

export interface CaseList {
  items: CaseSummary[];
  page: number;
  page_size: number;
  total: number;
}

export interface Task {
  id: string;
  case_id: string;
  case_number: string;
  unit_id: string;
  instance_id: string;
  sop_id: string;
  sop_title?: string;
  step_id: string;
  step_no?: string;
  activity?: string;
  role: string;
  assignee?: string | null;
  status: 'open' | 'completed' | 'closed';
  opened_at: string;
  due_at: string | null;
  overdue: boolean;
  calendar_incomplete?: boolean;
  standard_time?: string;
  requires?: string[];
  produces?: string[];
  /** the document kinds among requires/produces: their name in the pack and the forms that fill them */
  document_kinds?: Record<string, { name: string; forms: string[] }>;
  outcomes?: { outcome: string; label: string }[];
  completed_at?: string | null;
  completed_by?: string | null;
  outcome?: string | null;
  note?: string | null;
  documents?: string[];
  waiver?: { reason: string; requirements: string[]; by: string; at: string } | null;
  missing?: string[];
}

export interface TaskPage {
  items: Task[];
  page_size: number;
  next: string | null;
}

export interface SopInstance {
  id: string;
  sop_id: string;
  title?: string | null;
  status: 'running' | 'ended';
  end_reason?: string | null;
  started_at: string;
  started_by?: string;
  ended_at?: string | null;
  parent_id?: string | null;
  tasks: Task[];
}
export interface CaseSops {
  case_id: string;
  items: SopInstance[];
  recorded: Record<string, Record<string, string>>;
}

export interface SopSummary {
  id: string;
  title: string;
  kind: string;
  number: string;
  unit: { id: string; name: string; level: string; time_zone: string };
  steps: number;
}

export interface CaseEvent {
  seq: number;
  type: string;
  actor: string;
  at: string;
  payload: Record<string, unknown>;
  hash: string;
}

export interface PersonHit {
  person_id: string;
  restricted: boolean;
  role?: string;
  case_id?: string;
  case_number: string;
  case_status: string;
  person?: PersonOut;
}

export interface Partner {
  id: string;
  code: string;
  name: string;
  kind: string;
  area?: string | null;
  unit_id?: string | null;
}

export interface StaffMember {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
}
