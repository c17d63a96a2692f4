// Shapes of the reports API (docs/reports.md, openapi tag `reports`) and its queries.
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { api } from '../api/client';

export interface ScopeUnit {
  id: string;
  code: string;
  name: string;
  level: string;
  province: string | null;
  direct: boolean;
  head: boolean;
}
export interface Scopes {
  units: ScopeUnit[];
  rollups: { rollup: 'province' | 'national'; name: string }[];
  dimensions: { id: string; label: string; label_en: string }[];
}
export interface Scope {
  rollup: string;
  name: string;
  units: { id: string; code: string; name: string }[];
  from: string;
  to: string;
}
export interface StatRow {
  value: string;
  label: string;
  label_en: string;
  cases: number | null;
  clients: number | null;
}
export interface Statistics {
  scope: Scope;
  totals: { cases: number | null; clients: number | null };
  dimensions: { id: string; label: string; label_en: string; rows: StatRow[] }[];
}
export interface Trend {
  scope: Scope;
  months: { month: string; cases: number | null; clients: number | null }[];
}
export interface ComplianceRow {
  sop_id: string;
  sop_title: string;
  step_id: string;
  step_no: string;
  activity: string;
  standard_time: string | null;
  duration_unit: 'min' | 'hours' | 'days' | 'working_days' | 'months';
  done: number;
  with_standard: number;
  within_standard: number;
  share_within: number | null;
  median: number | null;
  p90: number | null;
  open_now: number;
  overdue_now: number;
  // by=staff: who completed (open tasks: the assignee); null = unassigned
  staff?: { id: string; name: string | null } | null;
}
export interface Compliance {
  scope: Scope;
  rows: ComplianceRow[];
}

export const reportKeys = {
  scopes: ['reports', 'scopes'] as const,
  statistics: (q: Record<string, string>) => ['reports', 'statistics', q] as const,
  trend: (q: Record<string, string>) => ['reports', 'trend', q] as const,
  compliance: (q: Record<string, string>) => ['reports', 'compliance', q] as const,
};

export function useScopes() {
  return useQuery({
    queryKey: reportKeys.scopes,
    queryFn: () => api<Scopes>('/api/v1/reports/scopes'),
    staleTime: 10 * 60_000,
  });
}

export function useStatistics(q: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.statistics(q),
    queryFn: () => api<Statistics>('/api/v1/reports/statistics', { query: q }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTrend(q: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.trend(q),
    queryFn: () => api<Trend>('/api/v1/reports/statistics/trend', { query: q }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCompliance(q: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.compliance(q),
    queryFn: () => api<Compliance>('/api/v1/reports/compliance', { query: q }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface CrossValue {
  value: string;
  label: string;
  label_en: string;
}
export interface CrossTable {
  scope: Scope;
  rows_dimension: string;
  cols_dimension: string;
  columns: CrossValue[];
  rows: (CrossValue & { clients: (number | null)[]; cases: (number | null)[] })[];
}
export interface SimfoniRow {
  case_id: string;
  client_id: string;
  incident_id: string;
  sent: boolean;
  cells: string[];
}
export interface SimfoniSheet {
  scope: Scope;
  columns: string[];
  rows: SimfoniRow[];
}

export function useCross(q: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'cross', q] as const,
    queryFn: () => api<CrossTable>('/api/v1/reports/statistics/cross', { query: q }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSimfoni(q: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'simfoni', q] as const,
    queryFn: () => api<SimfoniSheet>('/api/v1/reports/simfoni', { query: q }),
    enabled,
  });
}

export function useStaffCompliance(q: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.compliance({ ...q, by: 'staff' }),
    queryFn: () => api<Compliance>('/api/v1/reports/compliance', { query: { ...q, by: 'staff' } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
