import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useT, useUnits } from '../api/hooks';
import { useSession } from '../auth/session';
import { ErrorSummary, FormErrorsProvider, TextArea } from '../components/form';
import { Badge, Loading, Notice, PageError, usePageTitle } from '../components/ui';
import { DEFAULT_TZ, formatDateTime } from '../lib/time';
import { TRANSFERS_KEY, useTransfers, type Transfer } from './transferApi';
import '../styles/work2.css';

const DECIDERS = ['unit_head', 'department_head', 'case_manager'];
const SENDERS = ['section_head', 'unit_head', 'department_head', 'case_manager'];

/** Transfers between units: incoming (accept or reject, then report back) and outgoing (cancel
 * while pending; after acceptance only what the API still shares, and no edit controls). */
export default function TransfersPage() {
  const { t } = useTranslation();
  usePageTitle(t('transfers.title'));
  const [direction, setDirection] = useState<'incoming' | 'outgoing'>('incoming');
  const q = useTransfers(direction);
  return (
    <section className="page">
      <div className="page__head">
        <h1>{t('transfers.title')}</h1>
      </div>
      <p className="muted">{t('transfers.intro')}</p>
      <div className="filters" role="group" aria-label={t('transfers.direction')}>
        <button type="button" className="chip" aria-pressed={direction === 'incoming'} onClick={() => setDirection('incoming')}>
          {t('transfers.incoming')}
        </button>
        <button type="button" className="chip" aria-pressed={direction === 'outgoing'} onClick={() => setDirection('outgoing')}>
          {t('transfers.outgoing')}
        </button>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <PageError error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p className="muted">{direction === 'incoming' ? t('transfers.noneIncoming') : t('transfers.noneOutgoing')}</p>
      ) : (
        q.data.items.map((tr) => <TransferCard key={tr.id} tr={tr} incoming={direction === 'incoming'} />)
      )}
    </section>
  );
}

export function statusTone(s: Transfer['status']): 'ok' | 'danger' | 'info' | 'neutral' {
  return s === 'accepted' ? 'ok' : s === 'rejected' ? 'danger' : s === 'pending' ? 'info' : 'neutral';
}

export function TransferCard({ tr, incoming, headingLevel = 2 }: { tr: Transfer; incoming: boolean; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const tt = useT();
  const { user } = useSession();
  const units = useUnits();
  const tz = units.get(incoming ? tr.to_unit.id : tr.from_unit.id)?.time_zone ?? DEFAULT_TZ;
  const rolesIn = (unit: string) => user.roles.filter((r) => r.unit_id === unit).map((r) => r.role);
  const decider = rolesIn(tr.to_unit.id).some((r) => DECIDERS.includes(r));
  const sender = tr.requested_by === user.id || rolesIn(tr.from_unit.id).some((r) => SENDERS.includes(r));
  const [mode, setMode] = useState<'accept' | 'reject' | 'report' | 'cancel' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const id = `transfer-${tr.id}`;
  return (
    <article className="card" aria-labelledby={id}>
      <div className="page__head">
        <H id={id}>
          {t('transfers.case', { number: tr.case_number })}
        </H>
        <Badge tone={statusTone(tr.status)}>{t(`transfers.status.${tr.status}`)}</Badge>
      </div>
      <p className="transfer-route">
        {tr.from_unit.name} → {tr.to_unit.name} <span className="muted">({t(`transfers.dir.${tr.direction}`)})</span>
      </p>
      <dl className="summary-list">
        <div>
          <dt>{t('transfers.requestedAt')}</dt>
          <dd>{formatDateTime(tr.requested_at, tz, tt)}</dd>
        </div>
        {tr.shared && tr.reason && (
          <div>
            <dt>{t('transfers.reason')}</dt>
            <dd className="prewrap">{tr.reason}</dd>
          </div>
        )}
        {tr.shared && tr.clients && (
          <div>
            <dt>{t('transfers.clients')}</dt>
            <dd>
              {tr.clients
                .map((c) =>
                  [c.sex ? t(`sex.${c.sex}`) : '', c.age_years !== undefined ? t('partnerDoor.years', { count: c.age_years }) : '', c.child ? t('transfers.child') : '', c.disability ? t('transfers.disability') : '']
                    .filter(Boolean)
                    .join(', '),
                )
                .join('; ')}
            </dd>
          </div>
        )}
        {tr.shared && tr.summary?.classification && Array.isArray((tr.summary.classification as { case_types?: string[] }).case_types) && (
          <div>
            <dt>{t('transfers.caseTypes')}</dt>
            <dd>{((tr.summary.classification as { case_types?: string[] }).case_types ?? []).join(', ').toUpperCase()}</dd>
          </div>
        )}
        {tr.shared && tr.handover && (
          <div>
            <dt>{t('transfers.handover')}</dt>
            <dd>
              {tr.handover.handed_over_by_name && <div>{t('transfers.handedOverBy', { name: tr.handover.handed_over_by_name })}</div>}
              {tr.handover.documents && tr.handover.documents.length > 0 && <div>{t('transfers.documents')}: {tr.handover.documents.join(', ')}</div>}
              {tr.handover.note && <div className="prewrap">{tr.handover.note}</div>}
            </dd>
          </div>
        )}
        {tr.answer && (
          <div>
            <dt>{t('transfers.answer')}</dt>
            <dd>
              {formatDateTime(tr.answer.at, tz, tt)}
              {tr.answer.unit_number && <div>{t('transfers.unitNumber', { number: tr.answer.unit_number })}</div>}
              {(tr.answer.note || tr.answer.reason) && <div className="prewrap">{tr.answer.note ?? tr.answer.reason}</div>}
            </dd>
          </div>
        )}
      </dl>
      {tr.shared && tr.reports && tr.reports.length > 0 && (
        <>
          <h3>{t('transfers.reports')}</h3>
          <ul className="event-list">
            {tr.reports.map((r, i) => (
              <li key={i}>
                <div className="muted">{formatDateTime(r.at, tz, tt)}</div>
                <div className="prewrap">{r.report}</div>
              </li>
            ))}
          </ul>
        </>
      )}
      {!incoming && tr.status === 'accepted' && <Notice>{t('transfers.sentAccepted', { unit: tr.to_unit.name })}</Notice>}
      {incoming && tr.status === 'pending' && !decider && <p className="muted">{t('transfers.decidersOnly')}</p>}
      {done && <Notice tone="ok">{done}</Notice>}
      {mode === null && (
        <div className="actions">
          {incoming && tr.status === 'pending' && decider && (
            <>
              <button type="button" className="button" onClick={() => setMode('accept')}>
                {t('transfers.accept')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setMode('reject')}>
                {t('transfers.reject')}
              </button>
            </>
          )}
          {incoming && tr.status === 'accepted' && tr.case_id && (
            <>
              <Link className="button button--secondary" to={`/cases/${tr.case_id}/steps`}>
                {t('transfers.openCase')}
              </Link>
              <button type="button" className="button button--secondary" onClick={() => setMode('report')}>
                {t('transfers.report')}
              </button>
            </>
          )}
          {!incoming && tr.status === 'pending' && sender && (
            <button type="button" className="button button--secondary" onClick={() => setMode('cancel')}>
              {t('transfers.cancel')}
            </button>
          )}
        </div>
      )}
      {mode && (
        <AnswerForm
          tr={tr}
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

function AnswerForm({ tr, mode, onDone }: { tr: Transfer; mode: 'accept' | 'reject' | 'report' | 'cancel'; onDone: (msg: string | null) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const field = mode === 'accept' ? 'note' : mode === 'report' ? 'report' : 'reason';
  const optional = mode === 'accept' || mode === 'cancel';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api(`/api/v1/transfers/${tr.id}/${mode}`, { method: 'POST', body: text.trim() ? { [field]: text.trim() } : {}, idempotencyKey: idem.current });
      idem.current = newIdempotencyKey();
      await qc.invalidateQueries({ queryKey: TRANSFERS_KEY });
      // The case moved (or not): its record, lists and inboxes change.
      void qc.invalidateQueries({ queryKey: ['case'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      onDone(t(`transfers.done.${mode}`));
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h3>{t(`transfers.formTitle.${mode}`)}</h3>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <TextArea name={field} label={t(`transfers.field.${mode}`)} hint={mode === 'accept' ? t('transfers.acceptHint') : undefined} optional={optional} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="actions">
            <button type="submit" className={mode === 'reject' || mode === 'cancel' ? 'button button--warning' : 'button'} disabled={busy}>
              {t(`transfers.submit.${mode}`)}
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
