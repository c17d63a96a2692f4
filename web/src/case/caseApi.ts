import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { keys } from '../api/hooks';
import type { CaseEvent, CaseSops } from '../api/types';

export interface SopStep {
  id: string;
  no: string;
  activity: string;
  actor: string;
  recorded_by?: string;
  requires: string[];
  produces: string[];
  standard_time: string;
  decision?: { outcome: string; label: string }[];
}
export interface SopDefinition {
  id: string;
  title: string;
  number?: string;
  roles: string[];
  steps: SopStep[];
}

export function useCaseSops(caseId: string) {
  return useQuery({ queryKey: keys.caseSops(caseId), queryFn: () => api<CaseSops>(`/api/v1/cases/${caseId}/sops`) });
}

export function useCaseEvents(caseId: string) {
  return useQuery({
    queryKey: keys.caseEvents(caseId),
    queryFn: () => api<{ case_id: string; items: CaseEvent[] }>(`/api/v1/cases/${caseId}/events`),
  });
}

export function useSopDefinition(sopId: string | undefined) {
  return useQuery({
    queryKey: ['sop', sopId],
    queryFn: () => api<SopDefinition>(`/api/v1/sops/${sopId}`),
    enabled: !!sopId,
    staleTime: 10 * 60_000,
  });
}

/** After a write on a case: everything read from it is stale. */
export function useInvalidateCase(caseId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['case', caseId] });
    void qc.invalidateQueries({ queryKey: ['tasks'] });
    void qc.invalidateQueries({ queryKey: ['task'] });
    void qc.invalidateQueries({ queryKey: ['cases'] });
  };
}

/** "berkas-pengaduan" -> "Berkas pengaduan"; consent requirements are worded by the caller. */
export function humanize(id: string): string {
  const s = id.replace(/[-_]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
