import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useT, useUnits } from '../api/hooks';
import { useSession } from '../auth/session';
import { ChoiceGroup, ErrorSummary, FormErrorsProvider, SelectField, TextArea, TextField } from '../components/form';
import { Badge, Loading, Notice, PageError, usePageTitle } from '../components/ui';
import { DEFAULT_TZ, formatDate, todayIn } from '../lib/time';
import '../styles/work2.css';

export interface Resident {
  stay_id: string;
  case_id: string;
  case_number: string;
  person_id: string;
  admitted_on: string;
  expected_days: number | null;
  over_capacity: boolean;
}
export interface Shelter {
  id: string;
  unit_id: string;
  name: string;
  kind: 'own' | 'partner';
  capacity: number;
  takes: 'women' | 'children' | 'both';
  max_age: number | null;
  address: string | null;
  address_visible: boolean;
  phone: string | null;
  occupied: number;
  free_beds: number;
  residents?: Resident[];
}

export const SHELTERS_KEY = ['shelters'] as const;

export function useShelters(unitId?: string) {
  return useQuery({
    queryKey: [...SHELTERS_KEY, unitId ?? ''],
    queryFn: () => api<{ items: Shelter[] }>('/api/v1/shelters', { query: { unit_id: unitId } }),
  });
}

const HEADS = ['unit_head', 'department_head'];

/** The shelter board: each shelter of my units, its capacity and occupancy today, who is in
 * (the stays of cases I see), its address only where the API gives it. */
export default function SheltersPage() {
  const { t } = useTranslation();
  const tt = useT();
  usePageTitle(t('shelters.title'));
  const { user } = useSession();
  const units = useUnits();
  const q = useShelters();
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const headed = [...units.values()].filter((u) => user.roles.some((r) => r.unit_id === u.id && HEADS.includes(r.role)));
  const tz = [...units.values()][0]?.time_zone ?? DEFAULT_TZ;
  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  const items = q.data.items;
  return (
    <section className="page">
      <div className="page__head">
        <h1>{t('shelters.title')}</h1>
        {headed.length > 0 && !adding && (
          <button type="button" className="button button--secondary" onClick={() => { setSaved(null); setAdding(true); }}>
            {t('shelters.add')}
          </button>
        )}
      </div>
      <p className="muted">{t('shelters.intro', { date: formatDate(todayIn(tz), tt) })}</p>
      {saved && <Notice tone="ok">{saved}</Notice>}
      {adding && (
        <ShelterForm
          units={headed.map((u) => ({ value: u.id, label: u.name }))}
          onDone={(msg) => {
            setAdding(false);
            setSaved(msg);
          }}
        />
      )}
      {items.length === 0 ? (
        <p className="muted">{t('shelters.none')}</p>
      ) : (
        <div className="board">
          {items.map((s) => (
            <ShelterCard key={s.id} s={s} unitName={units.size > 1 ? units.get(s.unit_id)?.name : undefined} />
          ))}
        </div>
      )}
    </section>
  );
}

function ShelterCard({ s, unitName }: { s: Shelter; unitName?: string }) {
  const { t } = useTranslation();
  const tt = useT();
  const full = s.free_beds <= 0;
  const id = `shelter-${s.id}`;
  const residents = s.residents ?? [];
  return (
    <article className="card" aria-labelledby={id}>
      <h2 id={id}>{s.name}</h2>
      {unitName && <p className="muted">{unitName}</p>}
      <div className="occupancy">
        <span className="occupancy__figure">{t('shelters.occupancy', { occupied: s.occupied, capacity: s.capacity })}</span>
        <meter min={0} max={s.capacity} low={s.capacity * 0.7} high={s.capacity - 0.5} optimum={0} value={Math.min(s.occupied, s.capacity)} aria-label={t('shelters.occupancyLabel')} />
        {full ? <Badge tone="danger">{t('shelters.full')}</Badge> : <Badge tone="ok">{t('shelters.free', { count: s.free_beds })}</Badge>}
      </div>
      <dl className="summary-list">
        <div>
          <dt>{t('shelters.kind')}</dt>
          <dd>{t(`shelters.kinds.${s.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('shelters.takes')}</dt>
          <dd>
            {t(`shelters.takesList.${s.takes}`)}
            {s.max_age !== null && ` (${t('shelters.maxAge', { count: s.max_age })})`}
          </dd>
        </div>
        <div>
          <dt>{t('shelters.address')}</dt>
          <dd>{s.address_visible && s.address ? s.address : <span className="muted">{t('shelters.addressHidden')}</span>}</dd>
        </div>
        {s.phone && (
          <div>
            <dt>{t('shelters.phone')}</dt>
            <dd>{s.phone}</dd>
          </div>
        )}
      </dl>
      <h3>{t('shelters.residents')}</h3>
      {residents.length === 0 ? (
        <p className="muted">{s.occupied > 0 ? t('shelters.residentsHidden') : t('shelters.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('shelters.case')}</th>
                <th scope="col">{t('shelters.admitted')}</th>
                <th scope="col">{t('shelters.expected')}</th>
              </tr>
            </thead>
            <tbody>
              {residents.map((r) => (
                <tr key={r.stay_id}>
                  <td>
                    <Link to={`/cases/${r.case_id}/shelter`}>{r.case_number}</Link>
                    {r.over_capacity && (
                      <>
                        {' '}
                        <Badge tone="warn">{t('shelters.overCapacity')}</Badge>
                      </>
                    )}
                  </td>
                  <td>{formatDate(r.admitted_on, tt, false)}</td>
                  <td>{r.expected_days ? t('shelters.days', { count: r.expected_days }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {residents.length > 0 && residents.length < s.occupied && <p className="muted">{t('shelters.othersHidden', { count: s.occupied - residents.length })}</p>}
    </article>
  );
}

/** A head registers a shelter of their unit (the address is sealed; shown only as the API rules). */
function ShelterForm({ units, onDone }: { units: { value: string; label: string }[]; onDone: (msg: string | null) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [unit, setUnit] = useState(units.length === 1 ? units[0]!.value : '');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('own');
  const [capacity, setCapacity] = useState('');
  const [takes, setTakes] = useState('both');
  const [maxAge, setMaxAge] = useState('');
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api('/api/v1/shelters', {
        method: 'POST',
        body: { unit_id: unit || undefined, name: name.trim(), kind, capacity: num(capacity), takes, max_age: num(maxAge), address: address.trim(), phone: phone.trim() || undefined },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      await qc.invalidateQueries({ queryKey: SHELTERS_KEY });
      onDone(t('shelters.saved', { name: name.trim() }));
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h2>{t('shelters.addTitle')}</h2>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          {units.length > 1 && <SelectField name="unit_id" label={t('shelters.unit')} empty={t('common.choose')} options={units} value={unit} onChange={(e) => setUnit(e.target.value)} />}
          <TextField name="name" label={t('shelters.name')} value={name} onChange={(e) => setName(e.target.value)} />
          <ChoiceGroup
            name="kind"
            legend={t('shelters.kind')}
            inline
            options={[
              { value: 'own', label: t('shelters.kinds.own') },
              { value: 'partner', label: t('shelters.kinds.partner') },
            ]}
            value={kind}
            onChange={(v) => setKind(v as string)}
          />
          <div className="form-row">
            <TextField name="capacity" label={t('shelters.capacity')} inputMode="numeric" className="input--short" value={capacity} onChange={(e) => setCapacity(e.target.value)} />
            <TextField name="max_age" label={t('shelters.maxAgeLabel')} optional inputMode="numeric" className="input--short" value={maxAge} onChange={(e) => setMaxAge(e.target.value)} />
          </div>
          <ChoiceGroup
            name="takes"
            legend={t('shelters.takes')}
            inline
            options={(['women', 'children', 'both'] as const).map((v) => ({ value: v, label: t(`shelters.takesList.${v}`) }))}
            value={takes}
            onChange={(v) => setTakes(v as string)}
          />
          <TextArea name="address" label={t('shelters.address')} hint={t('shelters.addressHint')} rows={2} value={address} onChange={(e) => setAddress(e.target.value)} />
          <TextField name="phone" label={t('shelters.phone')} optional type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('shelters.save')}
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
