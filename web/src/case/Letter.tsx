import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { ErrorSummary, FormErrorsProvider, TextArea, TextField } from '../components/form';

interface LetterDoc {
  id: string;
  title: string;
  letter?: { agenda_number: string };
}

/** A Surat Tugas written from the case: its fields, then the PDF one click away. */
export function Letter({ caseId, onDone }: { caseId: string; onDone: (doc: LetterDoc) => void }) {
  const { t } = useTranslation();
  const [task, setTask] = useState('');
  const [destination, setDestination] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const doc = await api<LetterDoc>(`/api/v1/cases/${caseId}/letters`, {
        method: 'POST',
        body: { kind: 'surat-tugas', task: task.trim() || undefined, destination: destination.trim() || undefined, start: start || undefined, end: end || undefined },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      onDone(doc);
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h3>{t('letter.title')}</h3>
      <p className="muted">{t('letter.intro')}</p>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <TextArea name="task" label={t('letter.task')} rows={2} value={task} onChange={(e) => setTask(e.target.value)} />
          <TextField name="destination" label={t('letter.destination')} value={destination} onChange={(e) => setDestination(e.target.value)} />
          <div className="form-row">
            <TextField name="start" type="date" className="input--date" label={t('letter.start')} value={start} onChange={(e) => setStart(e.target.value)} />
            <TextField name="end" type="date" className="input--date" label={t('letter.end')} optional value={end} onChange={(e) => setEnd(e.target.value)} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('letter.submit')}
          </button>
        </form>
      </FormErrorsProvider>
    </div>
  );
}
