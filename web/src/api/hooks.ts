import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './client';
import type { Case, Partner, SopSummary, StaffMember, Unit } from './types';
import { useSession } from '../auth/session';
import { DEFAULT_TZ, type T } from '../lib/time';

export const keys = {
  sops: ['sops'] as const,
  cases: (params: Record<string, unknown>) => ['cases', params] as const,
  case: (id: string) => ['case', id] as const,
  caseSops: (id: string) => ['case', id, 'sops'] as const,
  caseEvents: (id: string) => ['case', id, 'events'] as const,
  caseTeam: (id: string) => ['case', id, 'team'] as const,
  caseTriage: (id: string) => ['case', id, 'triage'] as const,
  tasks: (params: Record<string, unknown>) => ['tasks', params] as const,
  task: (id: string) => ['task', id] as const,
  classification: ['classification'] as const,
  staff: (unit: string) => ['staff', unit] as const,
  partners: (unit: string) => ['partners', unit] as const,
};

export function useSops() {
  return useQuery({
    queryKey: keys.sops,
    queryFn: () => api<{ items: SopSummary[] }>('/api/v1/sops'),
    staleTime: 10 * 60_000,
  });
}

/** The caller's units (from the session): name, time zone, SOP pack. */
export function useUnits(): Map<string, Unit> {
  const { session } = useSession();
  return new Map((session.units ?? []).map((u) => [u.id, u]));
}

export function useUnitTz(unitId: string | undefined): string {
  const units = useUnits();
  return (unitId && units.get(unitId)?.time_zone) || DEFAULT_TZ;
}

export function useCase(id: string) {
  return useQuery({ queryKey: keys.case(id), queryFn: () => api<Case>(`/api/v1/cases/${id}`) });
}

/** The `t` of the time helpers. */
export function useT(): T {
  const { t } = useTranslation();
  return t as unknown as T;
}

export interface Category {
  id: string;
  label: { id: string; en: string };
}
export type ClassificationLists = Record<string, Category[]>;

/** The classification lists (violence forms, case types, relations, ...), labels in both languages. */
export function useClassification() {
  return useQuery({
    queryKey: keys.classification,
    queryFn: () => api<ClassificationLists>('/api/v1/classification'),
    staleTime: 30 * 60_000,
  });
}

/** Options of a classification list in the chosen language. */
export function useCategoryOptions(list: string): { value: string; label: string }[] {
  const q = useClassification();
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (q.data?.[list] ?? [])
    .filter((c) => typeof c === 'object' && c && 'label' in c)
    .map((c) => ({ value: c.id, label: en ? c.label.en : c.label.id }));
}

/** The staff of a unit of the caller (to assign a task, and to name who did something). */
export function useStaff(unitId: string | undefined) {
  const { session } = useSession();
  const mine = !!unitId && (session.units ?? []).some((u) => u.id === unitId);
  return useQuery({
    queryKey: keys.staff(unitId ?? ''),
    queryFn: () => api<{ items: StaffMember[] }>(`/api/v1/units/${unitId}/staff`),
    enabled: mine,
    staleTime: 10 * 60_000,
  });
}

/** A staff member's display name by user id (undefined for someone not of the unit's staff). */
export function useStaffName(unitId: string | undefined) {
  const staff = useStaff(unitId);
  const names = new Map((staff.data?.items ?? []).map((s) => [s.id, s.display_name]));
  return (id: string | null | undefined): string | undefined => (id ? names.get(id) : undefined);
}

/** Who did something, in words: "by you", "by" a colleague's display name, or "by a staff member". */
export function useActorName(unitId: string | undefined) {
  const { t } = useTranslation();
  const { user } = useSession();
  const name = useStaffName(unitId);
  return (actor: string | null | undefined): string => {
    if (actor && actor === user.id) return t('history.byYou');
    const n = name(actor);
    return n ? t('staff.by', { name: n }) : t('history.byStaff');
  };
}

/** The partner directory of the case's unit (the ids referrals and data-sharing consents name). */
export function usePartners(unitId: string | undefined) {
  return useQuery({
    queryKey: keys.partners(unitId ?? ''),
    queryFn: () => api<{ items: Partner[] }>('/api/v1/partners', { query: { unit_id: unitId } }),
    enabled: !!unitId,
    staleTime: 10 * 60_000,
  });
}
