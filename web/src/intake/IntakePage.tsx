import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../api/client';
import { CHANNELS, RELATIONS, type Case, type PersonHit } from '../api/types';
import { useSops, useUnits } from '../api/hooks';
import { useSession } from '../auth/session';
import {
  Checkbox,
  ChoiceGroup,
  ErrorSummary,
  FormErrorsProvider,
  SelectField,
  TextArea,
  TextField,
} from '../components/form';
import { Badge, Notice, usePageTitle } from '../components/ui';
import { defaultSop } from '../lib/sopChoice';

interface Draft {
  unit_id: string;
  channel: string;
  crisis: boolean;
  sensitive: boolean;
  referred_by: string;
  reporter_is_client: boolean;
  reporter_name: string;
  reporter_relation: string;
  reporter_phone: string;
  client_name: string;
  client_sex: string;
  client_birth_date: string;
  client_age: string;
  client_nik: string;
  client_phone: string;
  client_address: string;
  client_disability: boolean;
  incident_date: string;
  narrative: string;
  sop: string;
}

const EMPTY: Draft = {
  unit_id: '',
  channel: '',
  crisis: false,
  sensitive: false,
  referred_by: '',
  reporter_is_client: false,
  reporter_name: '',
  reporter_relation: '',
  reporter_phone: '',
  client_name: '',
  client_sex: '',
  client_birth_date: '',
  client_age: '',
  client_nik: '',
  client_phone: '',
  client_address: '',
  client_disability: false,
  incident_date: '',
  narrative: '',
  sop: '',
};

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());

export default function IntakePage() {
  const { t } = useTranslation();
  usePageTitle(t('intake.title'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useSession();
  const units = useUnits();
  const staffUnits = [...new Set(user.roles.filter((r) => r.role !== 'admin').map((r) => r.unit_id))];
  const [d, setD] = useState<Draft>({ ...EMPTY, unit_id: staffUnits[0] ?? '' });
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [hits, setHits] = useState<PersonHit[] | null>(null);
  const [searchedKey, setSearchedKey] = useState<string | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const idem = useRef(newIdempotencyKey());
  const sops = useSops();
  const unit = units.get(d.unit_id);
  // The SOPs a case starts with (complaint, identification, case management, outreach);
  // the others are started later from the case's Steps tab.
  const packSops = useMemo(() => {
    const all = (sops.data?.items ?? []).filter((s) => !unit || s.id.split('/')[0] === unit.sop_pack);
    const first = all.filter((s) => ['complaint', 'identification', 'case_management', 'outreach'].includes(s.kind));
    return first.length ? first : all;
  }, [sops.data, unit]);
  const chosenSop = d.sop || defaultSop(packSops, d.channel);

  const searchKey = `${d.client_name.trim().toLowerCase()}|${d.client_nik.trim()}|${d.client_birth_date}`;
  const canSearch = d.client_name.trim().length >= 2 || /^\d{16}$/.test(d.client_nik.trim());

  async function search(): Promise<PersonHit[] | null> {
    setSearchError(null);
    if (!canSearch) {
      setLocal({ client_name: t('intake.searchNeedsTerms') });
      return null;
    }
    setLocal({});
    try {
      const r = await api<{ items: PersonHit[] }>('/api/v1/people', {
        query: {
          name: opt(d.client_name),
          nik: opt(d.client_nik),
          birth_date: opt(d.client_birth_date),
        },
      });
      setHits(r.items);
      setSearchedKey(searchKey);
      return r.items;
    } catch (e) {
      setSearchError(e);
      return null;
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setLocal({});
    // Search before create: a new person is made only after the existing ones were shown.
    if (searchedKey !== searchKey && canSearch) {
      const found = await search();
      if (found === null) return;
      if (found.length > 0) {
        document.getElementById('search-results')?.focus();
        return;
      }
    }
    setBusy(true);
    try {
      const body = {
        unit_id: staffUnits.length > 1 ? d.unit_id : undefined,
        channel: d.channel || undefined,
        crisis: d.crisis,
        sensitive: d.sensitive,
        referred_by: d.channel === 'referral_in' ? opt(d.referred_by) : undefined,
        reporter: {
          name: d.reporter_is_client ? d.client_name.trim() : d.reporter_name.trim(),
          relation: d.reporter_is_client ? 'self' : d.reporter_relation || undefined,
          phone: d.reporter_is_client ? opt(d.client_phone) : opt(d.reporter_phone),
          is_client: d.reporter_is_client,
        },
        client: {
          name: d.client_name.trim(),
          sex: d.client_sex || undefined,
          birth_date: opt(d.client_birth_date),
          age_years: d.client_birth_date || !d.client_age.trim() ? undefined : Number(d.client_age),
          nik: opt(d.client_nik),
          phone: opt(d.client_phone),
          address: opt(d.client_address),
          disability: d.client_disability,
        },
        incident_date: opt(d.incident_date),
        narrative: d.narrative,
      };
      const created = await api<Case>('/api/v1/cases', { method: 'POST', body, idempotencyKey: idem.current });
      let sopError: unknown = null;
      if (chosenSop && chosenSop !== 'none') {
        try {
          await api(`/api/v1/cases/${created.id}/sops`, {
            method: 'POST',
            body: { sop: chosenSop },
            idempotencyKey: `${idem.current}-sop`,
          });
        } catch (err) {
          sopError = err;
        }
      }
      idem.current = newIdempotencyKey();
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
      navigate(`/cases/${created.id}/steps`, {
        state: { created: true, sopError: sopError instanceof ApiError ? sopError.body : null },
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const channelOptions = CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }));
  const relationOptions = RELATIONS.filter((r) => r !== 'self').map((r) => ({ value: r, label: t(`relation.${r}`) }));

  return (
    <section className="page page--narrow">
      <h1>{t('intake.title')}</h1>
      <p className="lead">{t('intake.intro')}</p>
      <FormErrorsProvider value={{ error, local }}>
        <ErrorSummary error={error} local={local} />
        <form onSubmit={submit} noValidate>
          {staffUnits.length > 1 && (
            <SelectField
              name="unit_id"
              label={t('intake.unit')}
              value={d.unit_id}
              onChange={(e) => set('unit_id', e.target.value)}
              options={staffUnits.map((u) => ({ value: u, label: units.get(u)?.name ?? u }))}
            />
          )}
          <ChoiceGroup
            name="channel"
            legend={t('intake.channel')}
            options={channelOptions}
            value={d.channel}
            onChange={(v) => set('channel', v as string)}
          />
          {d.channel === 'referral_in' && (
            <TextField
              name="referred_by"
              label={t('intake.referredBy')}
              value={d.referred_by}
              onChange={(e) => set('referred_by', e.target.value)}
            />
          )}
          <Checkbox
            name="crisis"
            label={t('intake.crisis')}
            hint={t('intake.crisisHint')}
            checked={d.crisis}
            onChange={(v) => set('crisis', v)}
          />
          <Checkbox
            name="sensitive"
            label={t('intake.sensitive')}
            hint={t('intake.sensitiveHint')}
            checked={d.sensitive}
            onChange={(v) => set('sensitive', v)}
          />

          <h2 className="form-section">{t('intake.client')}</h2>
          <TextField
            name="client.name"
            label={t('person.name')}
            aliases={['client_name']}
            autoComplete="off"
            value={d.client_name}
            onChange={(e) => set('client_name', e.target.value)}
          />
          <ChoiceGroup
            name="client.sex"
            legend={t('person.sex')}
            inline
            options={[
              { value: 'female', label: t('sex.female') },
              { value: 'male', label: t('sex.male') },
            ]}
            value={d.client_sex}
            onChange={(v) => set('client_sex', v as string)}
          />
          <div className="form-row">
            <TextField
              name="client.birth_date"
              type="date"
              className="input--date"
              label={t('person.birthDate')}
              optional
              value={d.client_birth_date}
              onChange={(e) => set('client_birth_date', e.target.value)}
            />
            <TextField
              name="client.age_years"
              inputMode="numeric"
              className="input--short"
              label={t('person.age')}
              hint={t('person.ageHint')}
              optional
              value={d.client_age}
              onChange={(e) => set('client_age', e.target.value)}
            />
          </div>
          <TextField
            name="client.nik"
            label={t('person.nik')}
            hint={t('person.nikHint')}
            inputMode="numeric"
            autoComplete="off"
            optional
            value={d.client_nik}
            onChange={(e) => set('client_nik', e.target.value)}
          />

          <div className="card" id="search-results" tabIndex={-1} aria-live="polite">
            <h3>{t('intake.searchTitle')}</h3>
            <p className="muted">{t('intake.searchHint')}</p>
            <button type="button" className="button button--secondary" onClick={() => void search()}>
              {t('intake.search')}
            </button>
            {searchError !== null && <SearchError error={searchError} />}
            {hits !== null && searchedKey === searchKey && <SearchHits hits={hits} />}
          </div>

          <TextField
            name="client.phone"
            type="tel"
            label={t('person.phone')}
            optional
            autoComplete="off"
            value={d.client_phone}
            onChange={(e) => set('client_phone', e.target.value)}
          />
          <TextArea
            name="client.address"
            label={t('person.address')}
            optional
            rows={2}
            value={d.client_address}
            onChange={(e) => set('client_address', e.target.value)}
          />
          <Checkbox
            name="client.disability"
            label={t('person.disability')}
            checked={d.client_disability}
            onChange={(v) => set('client_disability', v)}
          />

          <h2 className="form-section">{t('intake.reporter')}</h2>
          <Checkbox
            name="reporter.is_client"
            label={t('intake.reporterIsClient')}
            checked={d.reporter_is_client}
            onChange={(v) => set('reporter_is_client', v)}
          />
          {!d.reporter_is_client && (
            <>
              <TextField
                name="reporter.name"
                label={t('person.name')}
                autoComplete="off"
                value={d.reporter_name}
                onChange={(e) => set('reporter_name', e.target.value)}
              />
              <SelectField
                name="reporter.relation"
                label={t('intake.relation')}
                empty={t('common.choose')}
                options={relationOptions}
                value={d.reporter_relation}
                onChange={(e) => set('reporter_relation', e.target.value)}
              />
              <TextField
                name="reporter.phone"
                type="tel"
                label={t('person.phone')}
                optional
                autoComplete="off"
                value={d.reporter_phone}
                onChange={(e) => set('reporter_phone', e.target.value)}
              />
            </>
          )}

          <h2 className="form-section">{t('intake.what')}</h2>
          <TextField
            name="incident_date"
            type="date"
            className="input--date"
            label={t('intake.incidentDate')}
            optional
            value={d.incident_date}
            onChange={(e) => set('incident_date', e.target.value)}
          />
          <TextArea
            name="narrative"
            label={t('intake.narrative')}
            hint={t('intake.narrativeHint')}
            rows={7}
            value={d.narrative}
            onChange={(e) => set('narrative', e.target.value)}
          />

          <h2 className="form-section">{t('intake.sopTitle')}</h2>
          {packSops.length === 0 ? (
            <p className="muted">{t('intake.noPack')}</p>
          ) : (
            <ChoiceGroup
              name="sop"
              legend={t('intake.sop')}
              hint={t('intake.sopHint')}
              options={[
                ...packSops.map((s) => ({ value: s.id, label: s.title, hint: s.number || undefined })),
                { value: 'none', label: t('intake.sopNone') },
              ]}
              value={chosenSop}
              onChange={(v) => set('sop', v as string)}
            />
          )}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('intake.submit')}
            </button>
            <Link to="/tasks">{t('common.cancel')}</Link>
          </div>
        </form>
      </FormErrorsProvider>
    </section>
  );
}

function SearchError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const msg = error instanceof ApiError ? (i18n.language === 'en' ? error.body.message : error.body.message_id) : t('common.error');
  return <p className="field__error">{msg}</p>;
}

function SearchHits({ hits }: { hits: PersonHit[] }) {
  const { t } = useTranslation();
  if (hits.length === 0) return <Notice tone="ok">{t('intake.noMatches')}</Notice>;
  return (
    <>
      <Notice tone="warn">{t('intake.matches', { count: hits.length })}</Notice>
      <ul className="hits">
        {hits.map((h) => (
          <li key={`${h.person_id}-${h.case_number}`}>
            {h.restricted ? (
              <>
                <strong>{h.case_number}</strong> <Badge>{t(`status.${h.case_status}`, { defaultValue: h.case_status })}</Badge>{' '}
                <span className="muted">{t('intake.restricted')}</span>
              </>
            ) : (
              <>
                <Link to={`/cases/${h.case_id}/people`}>{h.case_number}</Link>{' '}
                <Badge>{t(`status.${h.case_status}`, { defaultValue: h.case_status })}</Badge>{' '}
                {h.person?.name} {h.role && <span className="muted">({t(`personRole.${h.role}`)})</span>}
                {h.person?.birth_date && <span className="muted"> · {h.person.birth_date}</span>}
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="muted">{t('intake.matchesHint')}</p>
    </>
  );
}
