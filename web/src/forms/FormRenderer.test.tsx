import { describe, expect, it, beforeAll, afterEach } from 'vitest';
import { useState } from 'react';
import { render, screen, fireEvent, cleanup } from '@testing-library/react';
import i18n from '../i18n';
import { FormRenderer } from './FormRenderer';
import { applicable, holds, submission } from './logic';
import type { FormDefinition, FormValues } from './types';

const b = (id: string, en = id) => ({ id, en });

// One field of every type the format has, with a section and a field that depend on earlier answers.
const DEF: FormDefinition = {
  id: 'contoh',
  title: b('Contoh'),
  description: b('Formulir contoh'),
  sections: [
    {
      id: 'umum',
      title: b('Umum', 'General'),
      fields: [
        { id: 'teks', label: b('Teks'), type: 'text', required: true, sensitive: false },
        { id: 'uraian', label: b('Uraian'), type: 'long_text', required: false, sensitive: true },
        { id: 'angka', label: b('Angka'), type: 'number', required: false, sensitive: false, integer: true },
        { id: 'tanggal', label: b('Tanggal'), type: 'date', required: true, sensitive: false },
        { id: 'waktu', label: b('Waktu'), type: 'datetime', required: false, sensitive: false },
        { id: 'anak', label: b('Anak'), type: 'boolean', required: true, sensitive: false },
        {
          id: 'jenis',
          label: b('Jenis'),
          type: 'choice',
          required: true,
          sensitive: false,
          options: [
            { value: 'a', label: b('Pilihan A') },
            { value: 'b', label: b('Pilihan B') },
          ],
        },
        {
          id: 'layanan',
          label: b('Layanan'),
          type: 'multi_choice',
          required: false,
          sensitive: false,
          options: [
            { value: 'hukum', label: b('Hukum') },
            { value: 'psikologi', label: b('Psikologi') },
          ],
        },
        { id: 'telepon', label: b('Telepon'), type: 'phone', required: false, sensitive: true },
        { id: 'nik', label: b('NIK klien'), type: 'nik', required: false, sensitive: true },
        { id: 'wilayah', label: b('Wilayah'), type: 'region', required: false, sensitive: false },
        { id: 'klien', label: b('Klien'), type: 'person', required: true, sensitive: false },
        { id: 'lampiran', label: b('Lampiran'), type: 'file', required: false, sensitive: false },
        { id: 'ttd', label: b('Tanda tangan wali'), type: 'signature', required: false, sensitive: true, required_when: { op: 'equals', field: 'anak', values: ['true'] } },
      ],
    },
    {
      id: 'khusus',
      title: b('Khusus B'),
      when: { op: 'equals', field: 'jenis', values: ['b'] },
      fields: [{ id: 'alasan_b', label: b('Alasan B'), type: 'text', required: true, sensitive: false }],
    },
  ],
};

function Harness({ onValues }: { onValues: (v: FormValues) => void }) {
  const [values, setValues] = useState<FormValues>({});
  return (
    <FormRenderer
      def={DEF}
      values={values}
      onChange={(v) => {
        setValues(v);
        onValues(v);
      }}
      people={[{ id: 'p1', label: 'Klien satu' }]}
      documents={[{ id: 'd1', label: 'Surat tugas' }]}
      tz="Asia/Makassar"
    />
  );
}

describe('the generic form renderer', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('id');
  });
  afterEach(cleanup);

  it('renders a labelled control for every field type and submits what was entered', () => {
    let last: FormValues = {};
    render(<Harness onValues={(v) => (last = v)} />);
    const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });
    type('Teks', 'isi teks');
    type('Uraian', 'baris satu\nbaris dua');
    type('Angka', '14');
    type('Tanggal', '2026-11-20');
    type('Waktu', '2026-11-20T09:30');
    fireEvent.click(screen.getByLabelText('Ya'));
    fireEvent.click(screen.getByLabelText('Pilihan A'));
    fireEvent.click(screen.getByLabelText('Psikologi'));
    type('Telepon', '+62 812 3456 7890');
    type('NIK klien', '6271034506150002');
    type('Wilayah', '62.71');
    fireEvent.change(screen.getByLabelText('Klien', { exact: true }), { target: { value: 'p1' } });
    fireEvent.change(screen.getByLabelText('Lampiran', { exact: false }), { target: { value: 'd1' } });
    // The guardian's signature became required once "anak" is yes: no "(opsional)" mark.
    expect(screen.getByText('Tanda tangan wali').textContent).not.toContain('opsional');
    fireEvent.click(screen.getByLabelText('Sudah ditandatangani'));
    type('Nama penanda tangan', 'Ibu Klien');
    expect(submission(DEF, last)).toEqual({
      teks: 'isi teks',
      uraian: 'baris satu\nbaris dua',
      angka: 14,
      tanggal: '2026-11-20',
      waktu: '2026-11-20T09:30:00+08:00',
      anak: true,
      jenis: 'a',
      layanan: ['psikologi'],
      telepon: '+62 812 3456 7890',
      nik: '6271034506150002',
      wilayah: '62.71',
      klien: 'p1',
      lampiran: 'd1',
      ttd: { signed: true, name: 'Ibu Klien', date: undefined },
    });
  });

  it('shows a section only when its condition holds, and never sends a field that does not apply', () => {
    let last: FormValues = {};
    render(<Harness onValues={(v) => (last = v)} />);
    expect(screen.queryByText('Khusus B')).toBeNull();
    fireEvent.click(screen.getByLabelText('Pilihan B'));
    fireEvent.change(screen.getByLabelText('Alasan B'), { target: { value: 'karena' } });
    expect(submission(DEF, last).alasan_b).toBe('karena');
    fireEvent.click(screen.getByLabelText('Pilihan A'));
    expect(screen.queryByText('Khusus B')).toBeNull();
    expect(submission(DEF, last)).not.toHaveProperty('alasan_b');
  });

  it('decides conditions as the format says', () => {
    const v: FormValues = { jenis: 'b', layanan: ['hukum'], anak: false };
    expect(holds({ op: 'equals', field: 'jenis', values: ['b'] }, v)).toBe(true);
    expect(holds({ op: 'not_equals', field: 'jenis', values: ['b'] }, v)).toBe(false);
    expect(holds({ op: 'not_equals', field: 'kosong', values: ['b'] }, v)).toBe(true);
    expect(holds({ op: 'in', field: 'jenis', values: ['a', 'b'] }, v)).toBe(true);
    expect(holds({ op: 'includes', field: 'layanan', values: ['hukum'] }, v)).toBe(true);
    expect(holds({ op: 'present', field: 'teks', present: false }, v)).toBe(true);
    expect(holds({ op: 'equals', field: 'anak', values: ['false'] }, v)).toBe(true);
    expect(holds({ op: 'all', conditions: [{ op: 'equals', field: 'jenis', values: ['b'] }, { op: 'present', field: 'teks', present: true }] }, v)).toBe(false);
    expect(holds({ op: 'any', conditions: [{ op: 'equals', field: 'jenis', values: ['b'] }, { op: 'present', field: 'teks', present: true }] }, v)).toBe(true);
    expect(applicable(DEF, v).sections.has('khusus')).toBe(true);
  });
});
