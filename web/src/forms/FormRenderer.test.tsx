import { describe, expect, it, beforeAll, afterEach } from 'vitest';
import { useEffect, useState } from 'react';
import { act, render, screen, fireEvent, cleanup } from '@testing-library/react';
import i18n from '../i18n';
import { FormRenderer } from './FormRenderer';
import { fieldId } from '../components/form';
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
  useEffect(() => {
    onValues(values);
  }, [values, onValues]);
  return (
    <FormRenderer
      def={DEF}
      values={values}
      onChange={setValues}
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

  it('fills a table (a repeating group of cost lines): rows added and removed, numbers sent as numbers, the total shown', () => {
    const TABLE: FormDefinition = {
      id: 'rencana',
      title: b('Rencana'),
      description: b('Rencana dan anggaran'),
      sections: [
        {
          id: 'anggaran',
          title: b('Anggaran', 'Budget'),
          fields: [
            {
              id: 'biaya',
              label: b('Rincian biaya', 'Cost lines'),
              type: 'table',
              required: true,
              sensitive: false,
              min: 1,
              max: 3,
              columns: [
                {
                  id: 'jenis',
                  label: b('Jenis biaya'),
                  type: 'choice',
                  required: true,
                  sensitive: false,
                  options: [
                    { value: 'transport', label: b('Transportasi') },
                    { value: 'per_diem', label: b('Uang harian') },
                  ],
                },
                { id: 'uraian', label: b('Uraian'), type: 'text', required: true, sensitive: false },
                { id: 'jumlah', label: b('Jumlah (Rp)'), type: 'number', required: true, sensitive: false, integer: true, total: true },
              ],
            },
          ],
        },
      ],
    };
    let last: FormValues = {};
    function TableHarness() {
      const [values, setValues] = useState<FormValues>({});
      last = values;
      return <FormRenderer def={TABLE} values={values} onChange={setValues} />;
    }
    render(<TableHarness />);
    expect(screen.queryByText('Baris 1')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Tambah baris' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tambah baris' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tambah baris' }));
    expect(screen.getByText('Baris 3')).toBeTruthy();
    // At most `max` rows: no button for a fourth.
    expect(screen.queryByRole('button', { name: 'Tambah baris' })).toBeNull();
    const cells = (label: string) => screen.getAllByLabelText(label, { exact: false });
    fireEvent.click(screen.getAllByLabelText('Transportasi')[0]);
    fireEvent.change(cells('Uraian')[0], { target: { value: 'BBM pulang pergi' } });
    fireEvent.change(cells('Jumlah (Rp)')[0], { target: { value: '600000' } });
    fireEvent.click(screen.getAllByLabelText('Uang harian')[1]);
    fireEvent.change(cells('Uraian')[1], { target: { value: '2 orang x 3 hari' } });
    fireEvent.change(cells('Jumlah (Rp)')[1], { target: { value: '900000' } });
    fireEvent.change(cells('Uraian')[2], { target: { value: 'dihapus' } });
    expect(screen.getByTestId('form.biaya.total').textContent).toBe('Jumlah Jumlah (Rp): 1.500.000');
    fireEvent.click(screen.getByRole('button', { name: 'Hapus baris 3' }));
    expect(screen.queryByText('Baris 3')).toBeNull();
    // Each cell has the API's path, so an error naming "biaya.1.jumlah" lands on it.
    expect(document.getElementById(fieldId('form.biaya.1.jumlah'))).not.toBeNull();
    expect(submission(TABLE, last)).toEqual({
      biaya: [
        { jenis: 'transport', uraian: 'BBM pulang pergi', jumlah: 600000 },
        { jenis: 'per_diem', uraian: '2 orang x 3 hari', jumlah: 900000 },
      ],
    });
  });
  it('keeps every cell of a row set in the same tick (each change applies to the row as it is then)', () => {
    const ROW: FormDefinition = {
      id: 'baris',
      title: b('Baris'),
      description: b('Satu tabel'),
      sections: [
        {
          id: 'petugas_section',
          title: b('Petugas'),
          fields: [
            {
              id: 'petugas',
              label: b('Petugas'),
              type: 'table',
              required: true,
              sensitive: false,
              columns: [
                { id: 'nama', label: b('Nama'), type: 'text', required: true, sensitive: false },
                { id: 'jabatan', label: b('Jabatan'), type: 'text', required: true, sensitive: false },
              ],
            },
          ],
        },
      ],
    };
    let last: FormValues = {};
    // "Isi keduanya" sets both cells from one event handler: React batches the updates of
    // one handler into one render, so the second change runs before the row is rendered
    // again (a change event of its own would be flushed at once, hiding the problem).
    function RowHarness() {
      const [values, setValues] = useState<FormValues>({});
      last = values;
      const both = () => {
        fireEvent.change(screen.getByLabelText('Nama', { exact: false }), { target: { value: 'Siti' } });
        fireEvent.change(screen.getByLabelText('Jabatan', { exact: false }), { target: { value: 'Pendamping' } });
      };
      return (
        <>
          <FormRenderer def={ROW} values={values} onChange={setValues} />
          <button type="button" onClick={both}>
            Isi keduanya
          </button>
        </>
      );
    }
    render(<RowHarness />);
    fireEvent.click(screen.getByRole('button', { name: 'Tambah baris' }));
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Isi keduanya' }));
    });
    expect(last).toEqual({ petugas: [{ nama: 'Siti', jabatan: 'Pendamping' }] });
    expect((screen.getByLabelText('Nama', { exact: false }) as HTMLInputElement).value).toBe('Siti');
    expect((screen.getByLabelText('Jabatan', { exact: false }) as HTMLInputElement).value).toBe('Pendamping');
  });
});
