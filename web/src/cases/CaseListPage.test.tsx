import { describe, expect, it, afterEach, vi } from 'vitest';
import { render, screen, cleanup, fireEvent, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import '../i18n';
import { SessionProvider } from '../auth/session';
import type { CaseList, SessionInfo } from '../api/types';
import CaseListPage from './CaseListPage';

const UNIT = '35efaf11-09f4-405a-9985-25927dfc107a';
const SESSION: SessionInfo = {
  user: { id: 'u1', username: 'pengaduan', display_name: 'Demo', roles: [{ unit_id: UNIT, role: 'intake_officer' }], partner_id: null },
  units: [{ id: UNIT, code: 'DEMO', name: 'UPTD', level: 'regency', time_zone: 'Asia/Jakarta', sop_pack: 'kalteng' }],
  csrf_token: 'x',
  two_factor_enrolment_required: false,
};
const due = new Date(Date.now() + 3 * 3600_000).toISOString();
const LIST: CaseList = {
  page: 1,
  page_size: 25,
  total: 1,
  items: [
    {
      id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      number: 'PPA-DEMO/2026/00001',
      unit_id: UNIT,
      status: 'open',
      channel: 'walk_in',
      crisis: true,
      sensitive: false,
      received_at: '2026-12-03T08:00:00Z',
      updated_at: '2026-12-03T08:00:00Z',
      version: 3,
      client_initials: 'S.R.L.',
      open_tasks: 2,
      next_task: { id: 't1', sop_id: 'kalteng/pengaduan', step_id: 's2', role: 'intake_officer', due_at: due, overdue: false },
    },
  ],
};

function answer(url: string): unknown {
  if (url.startsWith('/api/v1/cases')) return LIST;
  if (url === '/api/v1/sops') return { items: [{ id: 'kalteng/pengaduan', title: 'Layanan Pengaduan', kind: 'sop', number: '1', unit: {}, steps: 5 }] };
  if (url === '/api/v1/sops/kalteng/pengaduan')
    return { id: 'kalteng/pengaduan', title: 'Layanan Pengaduan', roles: [], steps: [{ id: 's2', no: '2', activity: 'Petugas mencatat pengaduan', actor: 'intake_officer', requires: [], produces: [], standard_time: '1 hours' }] };
  throw new Error('unexpected ' + url);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the case list', () => {
  it('shows initials, the next step with its SOP and deadline in words, and sends the sop and overdue filters', async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        return new Response(JSON.stringify(answer(url)), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={qc}>
        <SessionProvider session={SESSION}>
          <MemoryRouter>
            <CaseListPage />
          </MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>,
    );
    await screen.findByText('S.R.L.');
    await screen.findByText('2. Petugas mencatat pengaduan');
    expect(screen.getAllByText(/Layanan Pengaduan/).length).toBeGreaterThan(0);
    expect(screen.getByText(/jam lagi/)).toBeTruthy();
    expect(screen.getByText(/1 tugas terbuka lain/)).toBeTruthy();
    expect(document.body.textContent).not.toContain('Siti');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Layanan Pengaduan' })).toBeTruthy());
    fireEvent.change(screen.getByLabelText('SOP'), { target: { value: 'kalteng/pengaduan' } });
    fireEvent.click(screen.getByRole('button', { name: 'Hanya yang terlambat' }));
    await waitFor(() => expect(urls.some((u) => u.includes('sop=kalteng%2Fpengaduan') && u.includes('overdue=true'))).toBe(true));
  });
});
