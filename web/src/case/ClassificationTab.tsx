import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useCategoryOptions } from '../api/hooks';
import { Checkbox, ChoiceGroup, ErrorSummary, FormErrorsProvider } from '../components/form';
import { Notice } from '../components/ui';
import { useInvalidateCase } from './caseApi';
import type { CaseTabProps } from './tab';

interface Classification {
  case_types?: string[];
  ampk_categories?: string[];
  risk_level?: string | null;
  jurisdiction?: string | null;
  village_manageable?: boolean;
}

export default function ClassificationTab({ c }: CaseTabProps) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCase(c.id);
  const current = (c.classification ?? {}) as Classification;
  const caseTypes = useCategoryOptions('case_types');
  const ampk = useCategoryOptions('ampk_categories');
  const [types, setTypes] = useState<string[]>(current.case_types ?? []);
  const [cats, setCats] = useState<string[]>(current.ampk_categories ?? []);
  const [risk, setRisk] = useState(current.risk_level ?? '');
  const [jur, setJur] = useState(current.jurisdiction ?? '');
  const [village, setVillage] = useState(!!current.village_manageable);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const idem = useRef(newIdempotencyKey());
  const closed = c.status === 'closed';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const r = await api<{ triage: { recommendation: string | null } }>(`/api/v1/cases/${c.id}/classification`, {
        method: 'PUT',
        body: {
          case_types: types,
          ampk_categories: types.includes('ampk') ? cats : [],
          risk_level: risk || null,
          jurisdiction: jur || null,
          village_manageable: village,
        },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      setSaved(
        r.triage.recommendation
          ? t('classification.savedWithTriage', { triage: t(`triage.${r.triage.recommendation}`) })
          : t('classification.saved'),
      );
      invalidate();
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    }
  }

  return (
    <>
      <h2>{t('classification.title')}</h2>
      <p className="muted">{t('classification.intro')}</p>
      {saved && <Notice tone="ok">{saved}</Notice>}
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <fieldset className="fieldset" disabled={closed}>
            <ChoiceGroup name="case_types" legend={t('classification.caseTypes')} multiple options={caseTypes} value={types} onChange={(v) => setTypes(v as string[])} />
            {types.includes('ampk') && (
              <ChoiceGroup name="ampk_categories" legend={t('classification.ampk')} multiple options={ampk} value={cats} onChange={(v) => setCats(v as string[])} />
            )}
            <ChoiceGroup
              name="risk_level"
              legend={t('classification.risk')}
              inline
              options={['low', 'medium', 'high'].map((v) => ({ value: v, label: t(`risk.${v}`) }))}
              value={risk}
              onChange={(v) => setRisk(v as string)}
            />
            <ChoiceGroup
              name="jurisdiction"
              legend={t('classification.jurisdiction')}
              hint={t('classification.jurisdictionHint')}
              options={['kabupaten_kota', 'provinsi', 'nasional'].map((v) => ({ value: v, label: t(`jurisdiction.${v}`) }))}
              value={jur}
              onChange={(v) => setJur(v as string)}
            />
            <Checkbox name="village_manageable" label={t('classification.village')} checked={village} onChange={setVillage} />
            <button type="submit" className="button">
              {t('classification.save')}
            </button>
          </fieldset>
        </form>
      </FormErrorsProvider>
    </>
  );
}
