import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { FormDefinition } from './types';

export function useFormDefinition(name: string | undefined) {
  return useQuery({
    queryKey: ['form', name],
    queryFn: () => api<FormDefinition>(`/api/v1/forms/${name}`),
    enabled: !!name,
    staleTime: 30 * 60_000,
  });
}
