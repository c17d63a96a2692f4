import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export interface TransferUnit {
  id: string;
  code: string;
  name: string;
  level: string;
}
/** A transfer as far as the caller may see it (GET /api/v1/transfers/{id}). */
export interface Transfer {
  id: string;
  status: 'pending' | 'accepted' | 'rejected' | 'cancelled';
  case_number: string;
  direction: 'up' | 'down';
  from_unit: TransferUnit;
  to_unit: TransferUnit;
  requested_at: string;
  updated_at?: string;
  shared: boolean;
  answer?: { unit_number?: string; sop_id?: string; note?: string; reason?: string; at?: string; by?: string } | null;
  case_id?: string;
  requested_by?: string;
  reason?: string;
  client_ids?: string[];
  clients?: { person_id: string; sex?: string; age_years?: number; child?: boolean; disability?: boolean }[];
  summary?: { channel?: string; crisis?: boolean; sensitive?: boolean; received_at?: string; classification?: Record<string, unknown> | null; triage_decision?: string | null };
  family_coordination?: string | null;
  handover?: { handed_over_by?: string; handed_over_by_name?: string; documents?: string[]; note?: string };
  reports?: { report: string; at: string; by?: string }[];
}

export const TRANSFERS_KEY = ['transfers'] as const;

export function useTransfers(direction: 'incoming' | 'outgoing') {
  return useQuery({
    queryKey: [...TRANSFERS_KEY, direction],
    queryFn: () => api<{ direction: string; items: Transfer[] }>('/api/v1/transfers', { query: { direction } }),
  });
}
