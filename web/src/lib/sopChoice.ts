import type { SopSummary } from '../api/types';

/** The SOP an intake most likely starts in a pack: the complaint SOP for the channel. */
export function defaultSop(sops: SopSummary[], channel: string): string {
  const complaint = sops.filter((s) => s.kind === 'complaint');
  const indirect = complaint.find((s) => /tidak-langsung/.test(s.id));
  const direct = complaint.find((s) => !/tidak-langsung/.test(s.id));
  if (channel === 'walk_in' && direct) return direct.id;
  if (channel !== 'walk_in' && indirect) return indirect.id;
  if (complaint[0]) return complaint[0].id;
  for (const kind of ['identification', 'case_management', 'outreach']) {
    const s = sops.find((x) => x.kind === kind);
    if (s) return s.id;
  }
  return sops[0]?.id ?? '';
}
