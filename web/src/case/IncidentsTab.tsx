import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useCategoryOptions } from '../api/hooks';
import type { PersonOut } from '../api/types';
import { Checkbox, ChoiceGroup, ErrorSummary, FormErrorsProvider, SelectField, TextArea, TextField } from '../components/form';
import { Notice } from '../components/ui';
import { formatDate } from '../lib/time';
import { useT } from '../api/hooks';
import { useInvalidateCase } from './caseApi';
import { personLabel } from './PeopleTab';
import type { CaseTabProps } from './tab';

interface Incident {
  incident_id?: string;
  id?: string;
  date: string;
  time?: string;
  place_type: string;
  place?: string;
  forms: string[];
  penetration?: boolean;
  forced_marriage?: boolean;
  client_ids?: string[];
  perpetrators?: { person_id: string; relation?: string }[];
  narrative?: string;
  gbvims_type?: string;
  [k: string]: unknown;
}

export default function IncidentsTab({ c }: CaseTabProps) {
  const { t } = useTranslation();
  const tt = useT();
  const incidents = (c.incidents ?? []) as Incident[];
  const people = c.people ?? [];
  const byId = new Map(people.map((p) => [p.person_id, p]));
  const forms = useCategoryOptions('violence_forms');
  const places = useCategoryOptions('place_types');
  const label = (opts: { value: string; label: string }[], v: string) => opts.find((o) => o.value === v)?.label ?? v;
  const [editing, setEditing] = useState<Incident | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <div className="page__head">
        <h2>{t('incidents.title')}</h2>
        {c.status !== 'closed' && editing === null && (
          <button type="button" className="button button--secondary" onClick={() => { setSaved(false); setEditing('new'); }}>
            {t('incidents.add')}
          </button>
        )}
      </div>
      {saved && <Notice tone="ok">{t('incidents.saved')}</Notice>}
      {editing !== null && (
        <IncidentForm
          caseId={c.id}
          incident={editing === 'new' ? null : editing}
          people={people}
          onDone={(ok) => {
            setEditing(null);
            setSaved(ok);
          }}
        />
      )}
      {incidents.length === 0 ? (
        <p className="muted">{t('incidents.none')}</p>
      ) : (
        incidents.map((inc) => (
          <div className="card" key={(inc.incident_id ?? inc.id) as string}>
            <h3>
              {formatDate(inc.date, tt)}
              {inc.time && ` ${inc.time.replace(':', t('time.separator'))}`}
            </h3>
            <dl className="summary-list">
              <div>
                <dt>{t('incidents.forms')}</dt>
                <dd>{inc.forms.map((f) => label(forms, f)).join(', ')}</dd>
              </div>
              <div>
                <dt>{t('incidents.placeType')}</dt>
                <dd>
                  {label(places, inc.place_type)}
                  {inc.place && ` — ${inc.place}`}
                </dd>
              </div>
              <div>
                <dt>{t('incidents.perpetrators')}</dt>
                <dd>{(inc.perpetrators ?? []).map((p) => personLabel(byId.get(p.person_id), t)).join(', ') || '—'}</dd>
              </div>
            </dl>
            {c.status !== 'closed' && (
              <button type="button" className="button button--link" onClick={() => { setSaved(false); setEditing(inc); }}>
                {t('incidents.correct')}
              </button>
            )}
          </div>
        ))
      )}
    </>
  );
}

function IncidentForm({ caseId, incident, people, onDone }: { caseId: string; incident: Incident | null; people: PersonOut[]; onDone: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCase(caseId);
  const formOptions = useCategoryOptions('violence_forms');
  const placeOptions = useCategoryOptions('place_types');
  const perps = people.filter((p) => p.role === 'perpetrator');
  const [f, setF] = useState({
    date: incident?.date ?? '',
    time: incident?.time ?? '',
    place_type: incident?.place_type ?? '',
    place: incident?.place ?? '',
    forms: incident?.forms ?? [],
    penetration: !!incident?.penetration,
    forced_marriage: !!incident?.forced_marriage,
    perpetrators: (incident?.perpetrators ?? []).map((p) => p.person_id),
    narrative: incident?.narrative ?? '',
  });
  const [error, setError] = useState<unknown>(null);
  const idem = useRef(newIdempotencyKey());
  const set = (k: keyof typeof f, v: unknown) => setF((x) => ({ ...x, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const body = {
      date: f.date || undefined,
      time: f.time || undefined,
      place_type: f.place_type || undefined,
      place: f.place.trim() || undefined,
      forms: f.forms,
      penetration: f.forms.includes('sexual') ? f.penetration : undefined,
      forced_marriage: f.forced_marriage,
      perpetrators: f.perpetrators.map((person_id) => ({ person_id })),
      narrative: f.narrative.trim() || undefined,
    };
    try {
      const id = incident?.incident_id ?? incident?.id;
      if (id) await api(`/api/v1/cases/${caseId}/incidents/${id}`, { method: 'PUT', body, idempotencyKey: idem.current });
      else await api(`/api/v1/cases/${caseId}/incidents`, { method: 'POST', body, idempotencyKey: idem.current });
      invalidate();
      onDone(true);
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    }
  }

  return (
    <div className="card">
      <h3>{incident ? t('incidents.correctTitle') : t('incidents.add')}</h3>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <div className="form-row">
            <TextField name="incident.date" aliases={['date']} type="date" className="input--date" label={t('incidents.date')} value={f.date} onChange={(e) => set('date', e.target.value)} />
            <TextField name="incident.time" aliases={['time']} type="time" className="input--short" label={t('incidents.time')} optional value={f.time} onChange={(e) => set('time', e.target.value)} />
          </div>
          <ChoiceGroup name="incident.forms" aliases={['forms']} legend={t('incidents.forms')} multiple options={formOptions} value={f.forms} onChange={(v) => set('forms', v)} />
          {f.forms.includes('sexual') && <Checkbox name="incident.penetration" label={t('incidents.penetration')} checked={f.penetration} onChange={(v) => set('penetration', v)} />}
          <Checkbox name="incident.forced_marriage" label={t('incidents.forcedMarriage')} checked={f.forced_marriage} onChange={(v) => set('forced_marriage', v)} />
          <SelectField name="incident.place_type" aliases={['place_type']} label={t('incidents.placeType')} empty={t('common.choose')} options={placeOptions} value={f.place_type} onChange={(e) => set('place_type', e.target.value)} />
          <TextField name="incident.place" aliases={['place']} label={t('incidents.place')} optional value={f.place} onChange={(e) => set('place', e.target.value)} />
          {perps.length > 0 && (
            <ChoiceGroup
              name="incident.perpetrators"
              aliases={['perpetrators']}
              legend={t('incidents.perpetrators')}
              multiple
              options={perps.map((p) => ({ value: p.person_id ?? '', label: personLabel(p, t) }))}
              value={f.perpetrators}
              onChange={(v) => set('perpetrators', v)}
            />
          )}
          <TextArea name="incident.narrative" aliases={['narrative']} label={t('incidents.narrative')} optional rows={3} value={f.narrative} onChange={(e) => set('narrative', e.target.value)} />
          <div className="actions">
            <button type="submit" className="button">
              {t('incidents.save')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => onDone(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </FormErrorsProvider>
    </div>
  );
}
