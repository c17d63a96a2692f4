import { useTranslation } from 'react-i18next';
import { describeDeadline, formatDateTime, type T } from '../lib/time';
import { useNow } from '../lib/useNow';

/** A deadline in words, with the date and time in the unit's zone; colour is only a second signal. */
export function Due({ due, tz, standard, done }: { due: string | null | undefined; tz: string; standard?: string; done?: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  const tt = t as unknown as T;
  if (done) return null;
  const d = describeDeadline(due, now, tz, tt, standard);
  return (
    <span className="due">
      <span className={d.overdue ? 'due--late' : d.soon ? 'due--soon' : undefined}>{d.text}</span>
      {due && (
        <>
          <br />
          <span className="muted">
            <span className="visually-hidden">{t('deadline.dueAt')} </span>
            {formatDateTime(due, tz, tt)}
          </span>
        </>
      )}
    </span>
  );
}
