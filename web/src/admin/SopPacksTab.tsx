import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useSops, useT } from '../api/hooks';
import { Loading, PageError } from '../components/ui';
import { describeStandard } from '../lib/time';

interface SopStep {
  id: string;
  no: string;
  activity: string;
  actor: string;
  recorded_by?: string;
  requires: string[];
  produces: string[];
  standard_time: string;
  decision?: { outcome: string; label: string; next?: string; end?: string; start?: string }[];
  when?: string[];
  start?: string;
}
interface SopDetail {
  id: string;
  title: string;
  number: string;
  roles: string[];
  steps: SopStep[];
  notes: string;
  source?: string;
}

/** Every SOP of a pack: its table (as the signed document prints it) and its swimlane flowchart. */
export default function SopPacksTab({ pack: unitPack }: { pack: string }) {
  const { t } = useTranslation();
  const sops = useSops();
  const packs = [...new Set((sops.data?.items ?? []).map((s) => s.id.split('/')[0]!))];
  const [pack, setPack] = useState(unitPack || '');
  const [sop, setSop] = useState('');
  if (sops.isPending) return <Loading />;
  if (sops.isError) return <PageError error={sops.error} retry={() => void sops.refetch()} />;
  const shownPack = pack || packs[0] || '';
  const list = sops.data.items.filter((s) => s.id.startsWith(shownPack + '/'));
  const packName = list[0]?.unit.name ?? shownPack;
  return (
    <div>
      <div className="filters">
        <div className="field">
          <label className="field__label" htmlFor="f-pack">
            {t('admin.pack')}
          </label>
          <select
            id="f-pack"
            className="select"
            value={shownPack}
            onChange={(e) => {
              setPack(e.target.value);
              setSop('');
            }}
          >
            {packs.map((p) => (
              <option key={p} value={p}>
                {p}
                {p === unitPack ? ` (${t('admin.packInUse')})` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <h2>{t('admin.packTitle', { name: packName })}</h2>
      <ul className="sop-index">
        {list.map((s) => (
          <li key={s.id}>
            <button type="button" className="button button--link" aria-pressed={sop === s.id} onClick={() => setSop(s.id)}>
              {s.title}
            </button>{' '}
            <span className="muted">({t('admin.stepCount', { count: s.steps })})</span>
          </li>
        ))}
      </ul>
      {sop && <SopView id={sop} />}
    </div>
  );
}

function SopView({ id }: { id: string }) {
  const { t } = useTranslation();
  const tt = useT();
  const q = useQuery({ queryKey: ['sop', id], queryFn: () => api<SopDetail>(`/api/v1/sops/${id}`), staleTime: 30 * 60_000 });
  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  const s = q.data;
  const role = (r: string) => t(`role.${r}`, { defaultValue: t(`sopActor.${r}`, { defaultValue: r }) });
  return (
    <article className="card sop-view" aria-labelledby="sop-title">
      <h2 id="sop-title">{s.title}</h2>
      <dl className="summary-list">
        <div>
          <dt>{t('admin.sopNumber')}</dt>
          <dd>{s.number || '—'}</dd>
        </div>
        <div>
          <dt>{t('admin.sopSource')}</dt>
          <dd>{s.source ? t('admin.sopSourceFile', { file: s.source }) : '—'}</dd>
        </div>
      </dl>
      <h3 id="sop-table-title">{t('admin.sopTable')}</h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="sop-table-title">
        <table className="table sop-table">
          <caption className="visually-hidden">{t('admin.sopTableCaption', { title: s.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.col.no')}</th>
              <th scope="col">{t('admin.col.activity')}</th>
              <th scope="col">{t('admin.col.actor')}</th>
              <th scope="col">{t('admin.col.requires')}</th>
              <th scope="col">{t('admin.col.time')}</th>
              <th scope="col">{t('admin.col.output')}</th>
            </tr>
          </thead>
          <tbody>
            {s.steps.map((st) => (
              <tr key={st.id}>
                <td>{st.no}</td>
                <td>
                  {st.activity}
                  {st.decision && st.decision.length > 0 && (
                    <ul className="sop-outcomes">
                      {st.decision.map((o) => (
                        <li key={o.outcome}>{o.label}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{role(st.actor)}</td>
                <td>{st.requires.join(', ') || '—'}</td>
                <td>{describeStandard(st.standard_time, tt)}</td>
                <td>{st.produces.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 id="sop-chart-title">{t('admin.sopChart')}</h3>
      <div className="flowchart-wrap" tabIndex={0} role="region" aria-labelledby="sop-chart-title">
        <img className="flowchart" src={`/api/v1/sops/${s.id}?format=svg`} alt={t('steps.chartAlt', { title: s.title })} />
      </div>
      <p>
        <a href={`/api/v1/sops/${s.id}?format=svg`} target="_blank" rel="noopener">
          {t('steps.openChart')}
        </a>
      </p>
    </article>
  );
}
