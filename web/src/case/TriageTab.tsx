import { useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { keys } from '../api/hooks';
import { ChoiceGroup, ErrorSummary, FormErrorsProvider, TextArea } from '../components/form';
import { Loading, Notice, PageError } from '../components/ui';
import { useInvalidateCase } from './caseApi';
import type { CaseTabProps } from './tab';

const DECISIONS = ['continue_here', 'hand_to_patbm', 'hand_to_social_services', 'hand_to_province_or_ministry', 'emergency_outreach', 'information_only'];

interface Triage {
  recommendation: string | null;
  reasons: { rule: string; message: string; message_id: string }[];
  missing: string[];
  decided?: { decision?: string; overrides?: boolean } | null;
}

/** Luwu Utara's identification triage (a–f): the recommendation with its reasons, then staff decide. */
export default function TriageTab({ c }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: keys.caseTriage(c.id), queryFn: () => api<Triage>(`/api/v1/cases/${c.id}/triage`) });
  const invalidate = useInvalidateCase(c.id);
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const idem = useRef(newIdempotencyKey());
  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  const tr = q.data;
  const chosen = decision || tr.recommendation || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api(`/api/v1/cases/${c.id}/triage`, {
        method: 'POST',
        body: { decision: chosen || undefined, reason: reason.trim() || undefined },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      setSaved(true);
      setReason('');
      invalidate();
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    }
  }

  return (
    <>
      <h2>{t('triage.title')}</h2>
      {tr.recommendation ? (
        <Notice tone="info">
          <p>
            <strong>{t('tasks.recommendation')}:</strong> {t(`triage.${tr.recommendation}`)}
          </p>
          <ul>
            {tr.reasons.map((r, i) => (
              <li key={i}>{i18n.language === 'en' ? r.message : r.message_id}</li>
            ))}
          </ul>
        </Notice>
      ) : (
        <Notice tone="warn">
          <p>{t('triage.incomplete')}</p>
          <ul>
            {tr.missing.map((m) => (
              <li key={m}>{t(`triage.missing.${m}`, { defaultValue: m })}</li>
            ))}
          </ul>
        </Notice>
      )}
      {tr.decided?.decision && (
        <p>
          {t('triage.decided')}: <strong>{t(`triage.${tr.decided.decision}`, { defaultValue: tr.decided.decision })}</strong>
        </p>
      )}
      {saved && <Notice tone="ok">{t('triage.saved')}</Notice>}
      {c.status !== 'closed' && (
        <FormErrorsProvider value={{ error }}>
          <ErrorSummary error={error} />
          <form onSubmit={submit} noValidate>
            <ChoiceGroup
              name="decision"
              legend={t('triage.decision')}
              options={DECISIONS.map((d) => ({ value: d, label: t(`triage.${d}`) }))}
              value={chosen}
              onChange={(v) => setDecision(v as string)}
            />
            <TextArea
              name="reason"
              label={t('tasks.overrideReason')}
              hint={t('tasks.overrideHint')}
              optional={chosen === tr.recommendation}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="submit" className="button">
              {t('triage.save')}
            </button>
          </form>
        </FormErrorsProvider>
      )}
    </>
  );
}
