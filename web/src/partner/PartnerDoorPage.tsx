import { useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useCategoryOptions, useT } from '../api/hooks';
import { ChoiceGroup, ErrorSummary, FormErrorsProvider, TextArea } from '../components/form';
import { Badge, Loading, Notice, PageError, usePageTitle } from '../components/ui';
import { DEFAULT_TZ, formatDate, formatDateTime } from '../lib/time';

/** A referral as its partner organisation sees it (GET /api/v1/referrals): what the unit
 * sent, only the client's fields the client consented to share, and the answers. */
export interface PartnerReferral {
  id: string;
  status: 'sent' | 'accepted' | 'rejected' | 'reported';
  sent_at: string;
  updated_at: string;
  from_unit: string;
  services?: string[];
  urgency?: string;
  reason?: string;
  shared?: Record<string, unknown>;
  answer?: { note?: string; reason?: string; at?: string } | null;
  report?: { report?: string; at?: string } | null;
}

const KEY = ['partner-referrals'] as const;
const SHARED_ORDER = ['name', 'sex', 'age_years', 'birth_date', 'phone', 'address', 'narrative'];

/** The partner door: a partner organisation's user answers the referrals addressed to it. */
export default function PartnerDoorPage() {
  const { t } = useTranslation();
  usePageTitle(t('partnerDoor.title'));
  const q = useQuery({ queryKey: KEY, queryFn: () => api<{ items: PartnerReferral[] }>('/api/v1/referrals') });
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  const all = q.data.items;
  const open = all.filter((r) => r.status === 'sent' || r.status === 'accepted');
  const shown = filter === 'open' ? open : all;
  return (
    <section className="page">
      <div className="page__head">
        <h1>{t('partnerDoor.title')}</h1>
      </div>
      <p className="muted">{t('partnerDoor.intro')}</p>
      <div className="filters" role="group" aria-label={t('partnerDoor.filter')}>
        <button type="button" className="chip" aria-pressed={filter === 'open'} onClick={() => setFilter('open')}>
          {t('partnerDoor.open', { count: open.length })}
        </button>
        <button type="button" className="chip" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
          {t('partnerDoor.all', { count: all.length })}
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="muted">{filter === 'open' ? t('partnerDoor.noneOpen') : t('partnerDoor.none')}</p>
      ) : (
        shown.map((r) => <ReferralCard key={r.id} r={r} />)
      )}
    </section>
  );
}

function statusTone(s: string): 'ok' | 'danger' | 'info' | 'neutral' {
  return s === 'accepted' ? 'ok' : s === 'rejected' ? 'danger' : s === 'reported' ? 'neutral' : 'info';
}

function ReferralCard({ r }: { r: PartnerReferral }) {
  const { t } = useTranslation();
  const tt = useT();
  const services = useCategoryOptions('services');
  const label = new Map(services.map((s) => [s.value, s.label]));
  const [mode, setMode] = useState<'accept' | 'reject' | 'report' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const shared = r.shared ?? {};
  const fields = SHARED_ORDER.filter((f) => shared[f] !== undefined && shared[f] !== null && shared[f] !== '');
  const headingId = `ref-${r.id}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <div className="page__head">
        <h2 id={headingId}>{t('partnerDoor.from', { unit: r.from_unit })}</h2>
        <span>
          <Badge tone={statusTone(r.status)}>{t(`referrals.status.${r.status}`)}</Badge>
          {r.urgency === 'urgent' && (
            <>
              {' '}
              <Badge tone="danger">{t('referrals.urgent')}</Badge>
            </>
          )}
        </span>
      </div>
      <dl className="summary-list">
        <div>
          <dt>{t('partnerDoor.sentAt')}</dt>
          <dd>{formatDateTime(r.sent_at, DEFAULT_TZ, tt)}</dd>
        </div>
        <div>
          <dt>{t('partnerDoor.services')}</dt>
          <dd>{r.services && r.services.length ? r.services.map((s) => label.get(s) ?? s).join(', ') : '—'}</dd>
        </div>
        <div>
          <dt>{t('partnerDoor.reason')}</dt>
          <dd className="prewrap">{r.reason ?? '—'}</dd>
        </div>
      </dl>
      <h3>{t('partnerDoor.sharedTitle')}</h3>
      {fields.length === 0 ? (
        <p className="muted">{t('partnerDoor.nothingShared')}</p>
      ) : (
        <dl className="summary-list" data-testid="shared-fields">
          {fields.map((f) => (
            <div key={f}>
              <dt>{t(`referralForm.field.${f}`)}</dt>
              <dd className="prewrap">{sharedValue(f, shared[f], t, tt)}</dd>
            </div>
          ))}
        </dl>
      )}
      {r.answer && (r.answer.note || r.answer.reason) && (
        <p>
          <strong>{r.status === 'rejected' ? t('partnerDoor.rejectReason') : t('partnerDoor.acceptNote')}:</strong> {r.answer.note ?? r.answer.reason}
        </p>
      )}
      {r.report?.report && (
        <p className="prewrap">
          <strong>{t('partnerDoor.reportTitle')}:</strong> {r.report.report}
        </p>
      )}
      {done && <Notice tone="ok">{done}</Notice>}
      {mode === null && r.status === 'sent' && (
        <div className="actions">
          <button type="button" className="button" onClick={() => setMode('accept')}>
            {t('partnerDoor.accept')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setMode('reject')}>
            {t('partnerDoor.reject')}
          </button>
        </div>
      )}
      {mode === null && r.status === 'accepted' && (
        <div className="actions">
          <button type="button" className="button" onClick={() => setMode('report')}>
            {t('partnerDoor.report')}
          </button>
        </div>
      )}
      {mode && (
        <AnswerForm
          r={r}
          mode={mode}
          onDone={(msg) => {
            setMode(null);
            setDone(msg);
          }}
        />
      )}
    </article>
  );
}

function sharedValue(field: string, v: unknown, t: (k: string, o?: Record<string, unknown>) => string, tt: ReturnType<typeof useT>): string {
  if (field === 'sex' && typeof v === 'string') return t(`sex.${v}`, { defaultValue: v });
  if (field === 'age_years') return t('partnerDoor.years', { count: Number(v) });
  if (field === 'birth_date' && typeof v === 'string') return formatDate(v, tt, false);
  return String(v);
}

function AnswerForm({ r, mode, onDone }: { r: PartnerReferral; mode: 'accept' | 'reject' | 'report'; onDone: (msg: string | null) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const services = useCategoryOptions('services');
  const [text, setText] = useState('');
  const [given, setGiven] = useState<string[]>(r.services ?? []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    let body: Record<string, string> = {};
    if (mode === 'accept') body = text.trim() ? { note: text.trim() } : {};
    if (mode === 'reject') body = { reason: text.trim() };
    if (mode === 'report') {
      // The report back: the services given and the outcome, in one text as the API keeps it.
      const names = given.map((g) => services.find((s) => s.value === g)?.label ?? g);
      const parts = [names.length ? `${t('partnerDoor.servicesGiven')}: ${names.join(', ')}.` : '', text.trim() ? `${t('partnerDoor.outcome')}: ${text.trim()}` : ''];
      body = { report: parts.filter(Boolean).join('\n') };
    }
    try {
      await api(`/api/v1/referrals/${r.id}/${mode}`, { method: 'POST', body, idempotencyKey: idem.current });
      idem.current = newIdempotencyKey();
      await qc.invalidateQueries({ queryKey: KEY });
      onDone(t(`partnerDoor.done.${mode}`));
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h3>{t(`partnerDoor.formTitle.${mode}`)}</h3>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          {mode === 'report' && (
            <ChoiceGroup
              name="services_given"
              legend={t('partnerDoor.servicesGiven')}
              multiple
              inline
              options={services}
              value={given}
              onChange={(v) => setGiven(v as string[])}
            />
          )}
          <TextArea
            name={mode === 'accept' ? 'note' : mode === 'reject' ? 'reason' : 'report'}
            label={mode === 'accept' ? t('partnerDoor.acceptNote') : mode === 'reject' ? t('partnerDoor.rejectReason') : t('partnerDoor.outcome')}
            hint={mode === 'reject' ? t('partnerDoor.rejectHint') : mode === 'report' ? t('partnerDoor.outcomeHint') : undefined}
            optional={mode === 'accept'}
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="actions">
            <button type="submit" className={mode === 'reject' ? 'button button--warning' : 'button'} disabled={busy}>
              {t(`partnerDoor.submit.${mode}`)}
            </button>
            <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </FormErrorsProvider>
    </div>
  );
}
