// The administration API of a unit (docs/api/openapi.yaml tag "admin").
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import type { Unit } from '../api/types';

export interface AdminUser {
  id: string;
  username: string;
  display_name: string;
  disabled: boolean;
  roles: string[];
  partner_id: string | null;
}
export interface NewAccount {
  user: AdminUser;
  password: string;
}
export interface AdminPartner {
  id: string;
  code: string;
  name: string;
  kind: string;
  area: string;
  every_unit: boolean;
  users: { id: string; username: string; display_name: string; disabled: boolean }[];
}
export interface LetterSettings {
  authority: string[];
  name: string;
  address: string;
  phone?: string;
  email?: string;
  city: string;
  head: { name: string; nip: string; rank?: string; position?: string };
  agenda?: { pattern?: string; classification?: string; unit_code?: string };
  configured?: boolean;
  unit_id?: string;
}
export interface UnitSettings {
  unit_id: string;
  code: string;
  name: string;
  level: string;
  time_zone: string;
  sop_pack: string | null;
  two_factor_required: boolean;
  packs: { id: string; name: string; sops: number }[];
  letterhead: LetterSettings;
}

export const ADMIN_ROLES = ['admin', 'unit_head', 'department_head'];
export const ASSIGNABLE_ROLES = [
  'intake_officer',
  'admin_officer',
  'case_worker',
  'case_manager',
  'section_head',
  'unit_head',
  'department_head',
  'psychologist',
  'mediator',
  'lawyer',
  'social_worker',
  'admin',
];

/** The units the caller administers (administrator, unit head or department head there). */
export function useAdminUnits(): Unit[] {
  const { session, user } = useSession();
  const ids = new Set(user.roles.filter((r) => ADMIN_ROLES.includes(r.role)).map((r) => r.unit_id));
  return (session.units ?? []).filter((u) => ids.has(u.id));
}

export const adminKeys = {
  users: (unit: string) => ['admin', unit, 'users'] as const,
  partners: (unit: string) => ['admin', unit, 'partners'] as const,
  settings: (unit: string) => ['admin', unit, 'settings'] as const,
};

export function useUnitSettings(unit: string) {
  return useQuery({ queryKey: adminKeys.settings(unit), queryFn: () => api<UnitSettings>(`/api/v1/units/${unit}/settings`) });
}
