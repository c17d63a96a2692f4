import { useTranslation } from 'react-i18next';
import { useActorName, useT } from '../api/hooks';
import type { CaseEvent } from '../api/types';
import { Loading, PageError } from '../components/ui';
import { formatDateTime } from '../lib/time';
import { useCaseEvents } from './caseApi';
import type { CaseTabProps } from './tab';

/** The case's events in plain words; content (names, notes) stays in the tabs that need it. */
export default function HistoryTab({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const tt = useT();
  const actorName = useActorName(c.unit_id);
  const q = useCaseEvents(c.id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  const items = [...q.data.items].reverse();
  return (
    <>
      <h2>{t('history.title')}</h2>
      <p className="muted">{t('history.intro', { count: q.data.items.length })}</p>
      <ol className="event-list" reversed>
        {items.map((e) => (
          <li key={e.seq}>
            <div className="muted">
              {formatDateTime(e.at, tz, tt)}
              <br />
              {actorName(e.actor)}
            </div>
            <div>{describe(e, t)}</div>
          </li>
        ))}
      </ol>
    </>
  );
}

function describe(e: CaseEvent, t: (k: string, o?: Record<string, unknown>) => string): string {
  const p = e.payload as Record<string, unknown>;
  const base = t(`event.${e.type}`, { defaultValue: e.type });
  switch (e.type) {
    case 'CaseUpdated': {
      const changes = Object.keys((p.changes as object) ?? {});
      return `${base}: ${changes.map((k) => t(`field.${k}`, { defaultValue: k })).join(', ')}`;
    }
    case 'SopStarted':
    case 'SopEnded':
      return `${base}${p.sop_id ? ` — ${String(p.sop_id)}` : ''}${p.reason ? ` (${t(`endReason.${String(p.reason)}`, { defaultValue: String(p.reason) })})` : ''}`;
    case 'TaskOpened':
    case 'StepSkipped':
      return `${base} — ${String(p.step_id ?? '')}${p.role ? ` (${t(`role.${String(p.role)}`, { defaultValue: String(p.role) })})` : ''}`;
    case 'TaskCompleted':
      return `${base} — ${String(p.step_id ?? '')}${p.outcome ? `: ${String(p.outcome)}` : ''}`;
    case 'CaseFactsRecorded': {
      const docs = (p.documents as string[] | undefined) ?? [];
      const consents = (p.consents as string[] | undefined) ?? [];
      const facts = Object.keys((p.facts as object) ?? {});
      return [base, [...facts, ...consents.map((s) => `consent:${s}`), ...docs].join(', ')].filter(Boolean).join(': ');
    }
    default:
      return base;
  }
}
