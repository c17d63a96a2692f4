// Browser tests of the Lindungi UI (issue 14): `npm run e2e` after `npm run build`.
// Prints one line per test and closes with "N passed, N failed".
import { writeFileSync, mkdirSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, startBrowser, newPage, screen, shot, axe, cli, OFFICE, PHONE, shotsDir } from './harness.mjs';
import { registerReportTests } from './reports.mjs';
import { registerPart2Tests, PART2_PII } from './part2.mjs';
import { registerOversightTests } from './oversight.mjs';

const record = { console: [], errors: [], urls: [], titles: [], axe: [], shots: [] };
const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;

// Personal data the flows type: none of it may appear in a URL, a title, storage or the console.
const CLIENT = 'Siti Rahmawati Lestari';
const CLIENT2 = 'Dewi Anggraini Putri';
const MOTHER = 'Ibu Maryam Sulastri';
const NIK = '6271034506150002';
const PII = [CLIENT, CLIENT2, MOTHER, NIK, 'Rahmawati', 'Anggraini', 'Maryam', ...PART2_PII];

let server, browser;
const S = {}; // state shared by the flows (a person's path: later steps use what earlier ones made)

async function login(page, user, { expectInbox = true } = {}) {
  await page.goto(server.base + '/tasks');
  await page.getByLabel('Nama pengguna').fill(user.username);
  await page.getByLabel('Kata sandi').fill(user.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  if (expectInbox) await page.getByRole('heading', { name: 'Kotak tugas', level: 1 }).waitFor();
}

async function logout(page) {
  await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  await page.getByRole('heading', { name: 'Masuk ke Lindungi' }).waitFor().catch(async (e) => {
    await shot(page, '99-debug-logout', record);
    throw e;
  });
}

async function fillIntake(page, { name, narrative = true }) {
  await page.getByRole('link', { name: 'Pengaduan baru' }).first().click();
  await page.getByRole('heading', { name: 'Pengaduan baru', level: 1 }).waitFor();
  await page.getByLabel('Datang langsung').check();
  await page.getByLabel('Kasus darurat (krisis)').check();
  await page.locator('#f-client-name').fill(name);
  await page.getByRole('radio', { name: 'Perempuan', exact: true }).check();
  await page.locator('#f-client-birth_date').fill('2015-06-05');
  await page.locator('#f-reporter-name').fill(MOTHER);
  await page.locator('#f-reporter-relation').selectOption('parent');
  if (narrative) await page.locator('#f-narrative').fill('Korban datang bersama ibunya ke kantor UPTD.');
}

// First: the report flows make synthetic cases, which `demo generate` refuses once real ones exist.
registerReportTests(test, () => ({ server, browser, record, login }));
// Then the screens of part 2 (partner door, shelters, transfers, my account), in units of their own.
registerPart2Tests(test, () => ({ server, browser, record, login, totp }));

test('log-in screen: wrong password is refused with the reason at the top', async () => {
  for (const [vp, sz] of [[OFFICE, 'office'], [PHONE, 'phone']]) {
    const { context, page } = await newPage(browser, vp, record);
    await page.goto(server.base + '/');
    await page.getByRole('heading', { name: 'Masuk ke Lindungi' }).waitFor();
    await screen(page, `01-login-${sz}`, record);
    await page.getByLabel('Nama pengguna').fill('pengaduan');
    await page.getByLabel('Kata sandi').fill('salah-sekali-123');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('alert').getByText('Nama pengguna atau kata sandi salah').waitFor();
    await screen(page, `02-login-error-${sz}`, record);
    await context.close();
  }
});

test('an unknown path keeps its JSON 404 under /api, the SPA answers other paths', async () => {
  const api = await fetch(server.base + '/api/v1/nothing-here');
  if (api.status !== 404 || !(api.headers.get('content-type') ?? '').includes('json')) throw new Error('API 404 is not JSON');
  const spa = await fetch(server.base + '/cases/00000000-0000-4000-8000-000000000000/steps');
  if (spa.status !== 200 || !(await spa.text()).includes('<div id="root">')) throw new Error('SPA route not answered with index.html');
});

test('intake officer registers a walk-in client in crisis (search before create) and the SOP starts', async () => {
  const { context, page } = await newPage(browser, OFFICE, record);
  S.intake = { context, page };
  await login(page, server.users.pengaduan);
  await screen(page, '03-inbox-empty-office', record);
  await fillIntake(page, { name: CLIENT, narrative: false });
  await page.locator('#f-client-nik').fill(NIK);
  await screen(page, '04-intake-office', record);
  // Saving without the account: search first (nobody known), then the API names the field.
  await page.getByRole('button', { name: 'Simpan pengaduan' }).click();
  await page.getByText('Tidak ada orang yang cocok').waitFor();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  await page.locator('#f-narrative-error').waitFor();
  await screen(page, '05-intake-error-office', record);
  await page.locator('#f-narrative').fill('Korban datang bersama ibunya ke kantor UPTD. Korban mengalami kekerasan di rumah.');
  await page.getByRole('button', { name: 'Simpan pengaduan' }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/steps$/);
  S.caseUrl = page.url();
  S.caseId = /cases\/([0-9a-f-]{36})/.exec(S.caseUrl)[1];
  await page.getByText('sudah tercatat').waitFor();
  await page.getByText('Layanan Pengaduan tentang Permasalahan Perempuan dan Anak').first().waitFor();
  S.caseNumber = (await page.locator('.case-header h1').innerText()).replace('Kasus', '').trim();
  await screen(page, '06-case-steps-office', record);
  await page.getByRole('button', { name: 'Tampilkan bagan alur' }).click();
  await page.locator('img.flowchart').waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector('img.flowchart');
    return img && img.complete && img.naturalWidth > 0;
  });
});

test('search before create finds the client already recorded', async () => {
  const { page } = S.intake;
  await fillIntake(page, { name: CLIENT });
  await page.getByRole('button', { name: 'Cari data yang sudah ada' }).click();
  await page.getByText('mungkin orang yang sama').waitFor();
  await page.locator('#search-results').getByText(S.caseNumber).waitFor();
  await screen(page, '07-intake-matches-office', record);
});

test('completing a step: a missing document is refused with the reason shown, then supplied', async () => {
  const { page } = S.intake;
  await page.goto(S.caseUrl.replace(/steps$/, 'tasks'));
  const card = page.locator('article.card').first();
  // The checklist says the kind's name from the pack's documents.yaml, not a tidied id.
  await card.getByRole('checkbox', { name: 'Formulir Registrasi (Registrasi Formulir Klien)' }).waitFor();
  await card.getByText('belum ada').first().waitFor();
  await card.getByRole('button', { name: 'Selesaikan langkah ini' }).click();
  await card.locator('.error-summary').getByText('Kelengkapan belum ada').waitFor();
  await screen(page, '08-task-missing-office', record);
  // The kind has a form: it is filled from the task with the generic renderer and filed.
  await card.getByRole('button', { name: /^Isi formulir Formulir Registrasi/ }).click();
  await card.getByRole('button', { name: 'Simpan formulir' }).waitFor();
  await fillVisibleForm(page, card);
  await screen(page, '08a-task-fill-form-office', record);
  await card.getByRole('button', { name: 'Simpan formulir' }).click();
  await card.getByText('sudah diarsipkan').waitFor();
  await card.getByRole('checkbox', { name: 'Formulir Registrasi (Registrasi Formulir Klien)' }).waitFor({ state: 'detached' });
  const ktp = card.locator('#f-documents input[type=checkbox]');
  if ((await ktp.count()) !== 1) throw new Error('after the form is filed only one document should be missing');
  await ktp.check();
  await card.getByLabel('Catatan').fill('Formulir dan KTP ibu diterima.');
  await card.getByRole('button', { name: 'Selesaikan langkah ini' }).click();
  await page.getByText('selesai.', { exact: false }).first().waitFor();
  // The next step opens for the intake officer: complete it with its document too.
  const next = page.locator('article.card').first();
  await next.getByText('Berkas pengaduan (Berkas Pengaduan Kasus)', { exact: true }).waitFor();
  await screen(page, '09-task-next-office', record);
  await next.getByRole('checkbox', { name: 'Berkas pengaduan' }).check();
  await next.getByRole('button', { name: 'Selesaikan langkah ini' }).click();
  await page.getByText('Tidak ada tugas terbuka pada kasus ini').waitFor({ timeout: 15000 }).catch(() => {});
  await page.goto(S.caseUrl);
  await page.locator('.timeline__step--done').nth(1).waitFor();
  await screen(page, '10-case-steps-progress-office', record);
});

test('people: the mother is added as guardian; consent: the guardian consents for the child', async () => {
  const { page } = S.intake;
  await page.getByRole('link', { name: 'Orang' }).click();
  await page.getByRole('heading', { name: 'Orang dalam kasus' }).waitFor();
  await screen(page, '11-case-people-office', record);
  await page.getByRole('button', { name: 'Tambah orang' }).click();
  await page.getByRole('radio', { name: 'Orang tua / wali' }).check();
  await page.locator('#f-person-name').fill(MOTHER);
  await page.getByRole('radio', { name: 'Perempuan', exact: true }).check();
  await page.locator('#f-person-relation').selectOption('parent');
  await screen(page, '12-case-people-add-office', record);
  await page.getByRole('button', { name: 'Simpan orang' }).click();
  await page.getByText('Data orang sudah disimpan').waitFor();
  await page.getByRole('cell', { name: 'Orang tua / wali' }).waitFor();

  await page.getByRole('link', { name: 'Persetujuan' }).click();
  await page.getByRole('button', { name: 'Catat persetujuan' }).click();
  // A child cannot consent herself: the API says so next to the field.
  const opts = await page.locator('#f-given_by option').allInnerTexts();
  const clientOpt = opts.find((o) => o.includes('(Klien)'));
  await page.locator('#f-given_by').selectOption({ label: clientOpt });
  await page.getByRole('checkbox', { name: 'Layanan' }).check();
  await page.getByRole('checkbox', { name: 'Rujukan' }).check();
  await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
  await page.locator('.error-summary').waitFor();
  await screen(page, '13-case-consent-child-refused-office', record);
  const guardianOpt = opts.find((o) => o.includes('(Orang tua / wali)'));
  await page.locator('#f-given_by').selectOption({ label: guardianOpt });
  await page.getByLabel('Surat pernyataan bertanda tangan ada di berkas').check();
  await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
  await page.getByText('Persetujuan sudah dicatat').waitFor();
  await page.locator('.event-list .badge', { hasText: 'Setuju' }).waitFor();
  await screen(page, '14-case-consent-office', record);
});

test('history in plain words; case list shows initials only', async () => {
  const { page } = S.intake;
  await page.getByRole('link', { name: 'Riwayat' }).click();
  await page.getByText('Pengaduan dicatat').waitFor();
  await screen(page, '15-case-history-office', record);
  await page.getByRole('link', { name: 'Daftar kasus' }).click();
  const row = page.locator('tbody tr', { hasText: S.caseNumber });
  await row.getByRole('cell', { name: /^S\.\s?R\.\s?L\.$/ }).waitFor().catch(async (e) => {
    await shot(page, '99-debug-case-list', record);
    throw e;
  });
  const text = await page.locator('main').innerText();
  if (text.includes('Rahmawati')) throw new Error('the case list shows the client name');
  // The next step with its SOP and its deadline in words.
  await row.getByText('Layanan Pengaduan tentang Permasalahan Perempuan dan Anak').waitFor();
  await row.locator('.due').getByText(/lagi|terlambat/).first().waitFor();
  await screen(page, '16-case-list-office', record);
  await page.locator('#f-sop').selectOption({ label: 'Layanan Pengaduan tentang Permasalahan Perempuan dan Anak' });
  await row.waitFor();
  await page.getByRole('button', { name: 'Hanya yang terlambat' }).click();
  await page.getByText('Tidak ada kasus yang cocok.').waitFor();
  await page.getByRole('button', { name: 'Hanya yang terlambat' }).click();
  await page.locator('#f-sop').selectOption('');
  await page.goto(server.base + '/tasks');
  await page.getByRole('heading', { name: 'Kotak tugas', level: 1 }).waitFor();
  await screen(page, '17-inbox-office', record);
});

test('an expired session mid-form asks for the password and keeps the form', async () => {
  const { page, context } = S.intake;
  await fillIntake(page, { name: CLIENT2 });
  await page.locator('#f-client-birth_date').fill('2010-01-09');
  // The session ends (its cookie is gone, as after expiry): the next request meets a 401.
  await context.clearCookies();
  await page.getByRole('button', { name: 'Simpan pengaduan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sesi Anda telah berakhir' });
  await dialog.waitFor();
  await shot(page, '18-reauth-dialog-office', record);
  await axe(page, '18-reauth-dialog-office', record);
  if ((await page.locator('#f-client-name').inputValue()) !== CLIENT2) throw new Error('the form lost the name');
  await dialog.getByLabel('Kata sandi').fill(server.users.pengaduan.password);
  await dialog.getByRole('button', { name: 'Masuk dan lanjutkan' }).click();
  await dialog.waitFor({ state: 'hidden' }).catch(async (e) => {
    await shot(page, '99-debug-reauth', record);
    throw e;
  });
  // The interrupted request goes on: the search (nobody known) and then the save itself.
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/steps$/);
  await page.getByRole('link', { name: 'Orang' }).click();
  await page.getByRole('cell', { name: CLIENT2, exact: true }).waitFor();
});

test('language: English is switched on, remembered for the user, and switched back', async () => {
  const { page } = S.intake;
  await page.goto(server.base + '/tasks');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  await screen(page, '19-inbox-english-office', record);
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await page.getByRole('heading', { name: 'Kotak tugas', level: 1 }).waitFor();
});

test('account: change password form, two-step page; log-out clears the cached case data', async () => {
  const { page } = S.intake;
  await page.getByRole('link', { name: /Akun/ }).click();
  await page.getByRole('heading', { name: 'Akun saya' }).waitFor();
  await page.getByLabel('Kata sandi sekarang').fill('bukan-kata-sandinya');
  await page.getByLabel('Kata sandi baru', { exact: true }).fill('kata-sandi-baru-yang-panjang');
  await page.getByLabel('Ulangi kata sandi baru').fill('kata-sandi-baru-yang-panjang');
  await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
  await page.locator('.error-summary').waitFor();
  await screen(page, '20-account-office', record);
  await page.getByRole('link', { name: 'Atur verifikasi dua langkah' }).click();
  await page.getByRole('heading', { name: 'Verifikasi dua langkah' }).waitFor();
  await page.getByRole('button', { name: 'Mulai aktivasi' }).click();
  await page.locator('img.qr').waitFor();
  await screen(page, '21-two-step-office', record);
  await logout(page);
  await page.goBack();
  await page.getByRole('heading', { name: 'Masuk ke Lindungi' }).waitFor();
  const text = await page.locator('body').innerText();
  if (text.includes(S.caseNumber)) throw new Error('case data still shown after log-out');
});

test('a user of another unit opening the case URL sees "not found"', async () => {
  cli(server.dataDir, ['unit', 'add', '--code', 'LAIN', '--name', 'UPTD PPA Kabupaten Lain', '--sop-pack', 'kalteng']);
  cli(server.dataDir, ['user', 'add', 'pendamping-lain', '--role', 'case_worker', '--unit', 'LAIN', '--password-stdin'], 'kata-sandi-unit-lain-2026\n');
  const { context, page } = await newPage(browser, OFFICE, record);
  await login(page, { username: 'pendamping-lain', password: 'kata-sandi-unit-lain-2026' });
  await page.goto(S.caseUrl);
  await page.getByRole('heading', { name: 'Tidak ditemukan' }).waitFor();
  await screen(page, '22-case-not-found-office', record);
  await context.close();
});

test('phone: a case worker opens the task from the inbox and completes it', async () => {
  const { context, page } = await newPage(browser, PHONE, record);
  await login(page, server.users.pendamping);
  await screen(page, '23-inbox-phone', record);
  await page.getByRole('link', { name: S.caseNumber }).first().click();
  await page.waitForURL(/\/tasks(#task-[0-9a-f-]{36})?$/);
  const card = page.locator('article.card').first();
  await card.getByRole('checkbox', { name: 'Data pendukung' }).waitFor();
  await screen(page, '24-case-tasks-phone', record);
  await card.getByRole('checkbox', { name: 'Data pendukung' }).check();
  await card.getByRole('button', { name: 'Selesaikan langkah ini' }).click();
  await page.getByText('selesai.', { exact: false }).first().waitFor();
  for (const [tab, name] of [
    ['Langkah SOP', '25-case-steps-phone'],
    ['Orang', '26-case-people-phone'],
    ['Persetujuan', '27-case-consent-phone'],
    ['Riwayat', '28-case-history-phone'],
    ['Kejadian', '28a-case-incidents-phone'],
    ['Klasifikasi', '28b-case-classification-phone'],
    ['Triase', '28c-case-triage-phone'],
    ['Rujukan', '28d-case-referrals-phone'],
    ['Dokumen', '28e-case-documents-phone'],
    ['Penanganan', '28f-case-work-phone'],
  ]) {
    await page.getByRole('link', { name: tab, exact: true }).click();
    await page.waitForLoadState('networkidle');
    await screen(page, name, record);
  }
  await page.getByRole('link', { name: 'Pengaduan baru' }).first().click();
  await page.getByRole('heading', { name: 'Pengaduan baru', level: 1 }).waitFor();
  await screen(page, '29-intake-phone', record);
  await page.getByRole('link', { name: 'Daftar kasus' }).click();
  await page.getByRole('heading', { name: 'Daftar kasus', level: 1 }).waitFor();
  await screen(page, '30-case-list-phone', record);
  await page.getByRole('link', { name: /Akun/ }).click();
  await page.getByRole('heading', { name: 'Akun saya' }).waitFor();
  await screen(page, '30a-account-phone', record);
  await context.close();
});


// Fills every visible field of a rendered form with a valid-looking answer, pass after pass
// (answers reveal conditional fields), as a person would who says yes to everything.
async function fillVisibleForm(page, scope) {
  for (let pass = 0; pass < 10; pass++) {
    await scope.evaluate(() => {
      const setValue = (el, v) => {
        const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : el.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, v);
        el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
      };
      // A table (cost lines, officers) gets one row; the next pass fills it.
      for (const table of document.querySelectorAll('form fieldset.form-table')) {
        if (!table.querySelector('.form-table__row')) table.querySelector(':scope > button')?.click();
      }
      // A row's cells are all set in one pass (each change applies to the row as it is then).
      for (const fs of document.querySelectorAll('form fieldset.form-section')) {
        for (const el of fs.querySelectorAll('input, textarea, select')) {
          const name = el.getAttribute('name') ?? '';
          if (el.type === 'radio') {
            const group = fs.querySelectorAll(`input[type=radio][name="${CSS.escape(name)}"]`);
            if (![...group].some((r) => r.checked)) group[0].click();
          } else if (el.type === 'checkbox') {
            if (name.endsWith('.signed')) {
              if (!el.checked) el.click();
            } else {
              const group = fs.querySelectorAll(`input[type=checkbox][name="${CSS.escape(name)}"]`);
              if (![...group].some((r) => r.checked)) group[0].click();
            }
          } else if (el.tagName === 'SELECT') {
            if (!el.value && el.options.length > 1) {
              const client = [...el.options].find((o) => o.text.includes('(Klien)'));
              setValue(el, (client ?? el.options[1]).value);
            }
          } else if (!el.value) {
            const id = name.split('.').pop();
            if (el.type === 'date') setValue(el, name.endsWith('.date') ? '2026-11-21' : '2026-11-20');
            else if (el.type === 'datetime-local') setValue(el, '2026-11-20T09:30');
            else if (el.type === 'tel' || /telepon|hp|phone/.test(id)) setValue(el, '+62 812 3456 7890');
            else if (/nik/.test(id)) setValue(el, '6271034506150002');
            else if (el.inputMode === 'numeric' || el.inputMode === 'decimal') setValue(el, el.dataset.min ?? '3');
            else if (el.dataset.level) setValue(el, { province: '62', regency: '62.71', district: '62.71.01', village: '62.71.01.1001' }[el.dataset.level] ?? '62.71');
            else setValue(el, 'Isian contoh');
          }
        }
      }
    });
    await page.waitForTimeout(150);
  }
}

test('case record: classification gives the triage; an incident is recorded (unit head)', async () => {
  const { context, page } = await newPage(browser, OFFICE, record);
  S.head = { context, page };
  await login(page, server.users.kepala);
  // The unit head gives an open task of the case to the case worker, from the inbox.
  const me = await (await page.request.get(server.base + '/api/v1/session')).json();
  const unitId = me.units[0].id;
  const staff = (await (await page.request.get(`${server.base}/api/v1/units/${unitId}/staff`)).json()).items;
  const intaker = staff.find((s) => s.username === server.users.pengaduan.username);
  await page.getByRole('button', { name: 'Semua tugas unit' }).click();
  const item = page.locator('li.task-item', { hasText: S.caseNumber }).first();
  await item.locator('summary', { hasText: 'Tugaskan ke petugas lain' }).click();
  // Those holding the task's role come first.
  const choice = (await item.locator('select option').allInnerTexts())[1];
  const chosen = staff.find((s) => choice.startsWith(s.display_name + ' ('));
  if (!chosen) throw new Error('the staff choice names no staff member: ' + choice);
  await item.locator('select').selectOption(chosen.id);
  await screen(page, '30b-inbox-assign-office', record);
  await item.getByRole('button', { name: 'Tugaskan', exact: true }).click();
  await page.locator('li.task-item', { hasText: `Ditugaskan ke ${chosen.display_name}` }).first().waitFor();
  // Who did what is named for the unit's staff.
  await page.goto(S.caseUrl.replace(/steps$/, 'history'));
  await page.getByText(`oleh ${intaker.display_name}`).first().waitFor();
  await screen(page, '30c-case-history-names-office', record);
  await page.goto(S.caseUrl.replace(/steps$/, 'classification'));
  await page.getByRole('heading', { name: 'Klasifikasi kasus' }).waitFor();
  await page.getByRole('checkbox', { name: 'KTA (kekerasan terhadap anak)' }).check();
  await page.getByRole('radio', { name: 'Tinggi' }).check();
  await page.getByRole('radio', { name: 'Kabupaten/kota' }).check();
  await page.getByRole('button', { name: 'Simpan klasifikasi' }).click();
  await page.getByText('Klasifikasi sudah disimpan').waitFor();
  await screen(page, '31-case-classification-office', record);
  await page.getByRole('link', { name: 'Triase' }).click();
  await page.getByRole('heading', { name: 'Triase identifikasi' }).waitFor();
  await page.waitForLoadState('networkidle');
  await screen(page, '32-case-triage-office', record);
  await page.getByRole('link', { name: 'Kejadian' }).click();
  await page.getByRole('button', { name: 'Catat kejadian' }).click();
  await page.locator('#f-incident-date').fill('2026-11-19');
  await page.getByRole('checkbox', { name: 'Fisik' }).check();
  await page.getByRole('checkbox', { name: 'Psikis' }).check();
  await page.locator('#f-incident-place_type').selectOption('household');
  await page.getByRole('button', { name: 'Simpan kejadian' }).click();
  await page.getByText('Kejadian sudah disimpan').waitFor();
  await screen(page, '33-case-incidents-office', record);
});

test('referrals: sent to a partner of the directory with the consent checks explained; a data-sharing consent names the partner', async () => {
  cli(server.dataDir, ['partner', 'add', '--code', 'PKM-KC', '--name', 'Puskesmas Kota Contoh', '--kind', 'health', '--unit', 'DEMO', '--area', 'Kota Contoh']);
  const { page } = S.head;
  await page.goto(S.caseUrl.replace(/steps$/, 'referrals'));
  await page.getByRole('button', { name: 'Kirim rujukan' }).click();
  await page.locator('#f-partner_id').selectOption({ label: 'Puskesmas Kota Contoh — Kota Contoh' });
  await page.getByRole('checkbox', { name: 'Kesehatan', exact: true }).check();
  await page.locator('#f-reason').fill('Pemeriksaan kesehatan dan visum.');
  await page.getByRole('checkbox', { name: 'Nama', exact: true }).check();
  // The checks say beforehand what the API will refuse: no consent to share data with this partner.
  await page.getByText('belum ada untuk mitra ini').waitFor();
  await page.getByRole('button', { name: 'Kirim rujukan ke mitra' }).click();
  await page.locator('.error-summary').waitFor();
  await screen(page, '33a-referral-refused-office', record);
  await page.getByRole('checkbox', { name: 'Nama', exact: true }).uncheck();
  await page.locator('#f-family_coordination').fill('Ibu korban setuju dan akan mendampingi ke puskesmas.');
  await page.getByRole('button', { name: 'Kirim rujukan ke mitra' }).click();
  await page.getByText('Rujukan ke Puskesmas Kota Contoh sudah dikirim.').waitFor();
  await page.locator('.event-list').getByText('Puskesmas Kota Contoh').waitFor();
  await screen(page, '33b-referral-sent-office', record);
  // A data-sharing consent names its partner.
  await page.getByRole('link', { name: 'Persetujuan' }).click();
  await page.getByRole('button', { name: 'Catat persetujuan' }).click();
  const opts = await page.locator('#f-given_by option').allInnerTexts();
  await page.locator('#f-given_by').selectOption({ label: opts.find((o) => o.includes('(Orang tua / wali)')) });
  await page.getByRole('checkbox', { name: 'Berbagi data' }).check();
  await page.locator('#f-partner_id').selectOption({ label: 'Puskesmas Kota Contoh (Kesehatan)' });
  await page.getByLabel('Surat pernyataan bertanda tangan ada di berkas').check();
  await screen(page, '33c-consent-partner-office', record);
  await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
  await page.getByText('Persetujuan sudah dicatat').waitFor();
  await page.getByText('Mitra penerima data: Puskesmas Kota Contoh').waitFor();
  // The partner's user accepts it (the partner side is part 2 of the UI: through the API here),
  // and the case shows the answer.
  cli(server.dataDir, ['user', 'add', 'puskesmas', '--partner', 'PKM-KC', '--password-stdin'], 'mangga-jendela-sungai-pelangi-77\n');
  const partner = await browser.newContext();
  const login = await partner.request.post(server.base + '/api/v1/session', { data: { username: 'puskesmas', password: 'mangga-jendela-sungai-pelangi-77' } });
  const { csrf_token } = await login.json();
  const inbox = await (await partner.request.get(server.base + '/api/v1/referrals')).json();
  const ref = inbox.items[0];
  const ok = await partner.request.post(`${server.base}/api/v1/referrals/${ref.referral_id ?? ref.id}/accept`, { data: { note: 'Jadwal pemeriksaan besok.' }, headers: { 'X-CSRF-Token': csrf_token } });
  if (!ok.ok()) throw new Error('the partner could not accept: ' + (await ok.text()));
  await partner.close();
  await page.reload();
  await page.getByRole('link', { name: 'Rujukan' }).click();
  await page.locator('.event-list .badge', { hasText: 'Diterima' }).waitFor();
  await screen(page, '33d-referral-accepted-office', record);
});

test('documents: every form of forms/ renders from its definition and is filed', async () => {
  const { page } = S.head;
  await page.goto(S.caseUrl.replace(/steps$/, 'documents'));
  await page.getByRole('heading', { name: 'Dokumen kasus' }).waitFor();
  const forms = await (await page.request.get(server.base + '/api/v1/forms')).json();
  const failures = [];
  let filed = 0;
  for (const f of forms.forms) {
    await page.getByRole('button', { name: 'Isi formulir' }).click();
    await page.locator('#f-form-choice').selectOption(f.id);
    await page.getByRole('button', { name: 'Simpan formulir' }).waitFor();
    await fillVisibleForm(page, page.locator('main'));
    if (f.id === 'disposisi') await screen(page, '34-form-disposisi-office', record);
    else await axe(page, `form-${f.id}`, record);
    await page.getByRole('button', { name: 'Simpan formulir' }).click();
    const ok = page.getByText('sudah diarsipkan');
    const bad = page.locator('.error-summary');
    await Promise.race([ok.waitFor(), bad.waitFor()]);
    if (await ok.isVisible()) filed++;
    else {
      failures.push(`${f.id}: ${(await bad.innerText()).replace(/\s+/g, ' ')}`);
      await page.getByRole('button', { name: 'Batal' }).click();
    }
  }
  await screen(page, '35-case-documents-office', record);
  console.log(`      forms filed: ${filed} of ${forms.forms.length}`);
  if (failures.length) throw new Error('forms not filed:\n' + failures.join('\n'));
});

test('documents: a scan is uploaded in chunks with a progress bar; a Surat Tugas is written and its PDF opens', async () => {
  const { page } = S.head;
  await page.goto(S.caseUrl.replace(/steps$/, 'documents'));
  // A filed form is corrected: its answers as filed, saved again as a new version.
  await page.getByRole('button', { name: /^Koreksi/ }).first().click();
  await page.getByRole('button', { name: 'Simpan koreksi' }).waitFor();
  await fillVisibleForm(page, page.locator('main'));
  await screen(page, '42a-document-correct-office', record);
  await page.getByRole('button', { name: 'Simpan koreksi' }).click();
  await page.getByText('sudah disimpan').waitFor();
  await page.getByText('dikoreksi 1 kali').first().waitFor();
  await page.getByRole('button', { name: 'Unggah berkas' }).click();
  // A 1.2 MB PDF: three chunks of 512 KiB.
  const pad = Buffer.alloc(1_200_000, 0x20);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'), pad, Buffer.from('\ntrailer\n<<>>\n%%EOF\n')]);
  const file = join(tmpdir(), `pindaian-${process.pid}.pdf`);
  writeFileSync(file, pdf);
  await page.locator('#f-file').setInputFiles(file);
  await screen(page, '43-upload-office', record);
  await page.getByRole('button', { name: 'Unggah berkas' }).click();
  await page.getByText('sudah diunggah').waitFor({ timeout: 60_000 });
  await page.getByRole('cell', { name: 'Unggahan' }).first().waitFor();
  await page.getByRole('button', { name: 'Tulis surat' }).click();
  await page.locator('#f-task').fill('Melakukan penjangkauan dan pendampingan korban.');
  await page.locator('#f-destination').fill('Kecamatan Contoh');
  await page.locator('#f-start').fill('2026-12-04');
  await screen(page, '44-letter-office', record);
  await page.getByRole('button', { name: 'Terbitkan Surat Tugas' }).click();
  const link = page.getByRole('link', { name: 'Buka PDF surat' });
  await link.waitFor();
  await screen(page, '45-letter-issued-office', record);
  await pdfOpens(page, link);
  // The other kinds, filled from the case's records: the referral, the consent, the Surat Tugas.
  await page.getByRole('button', { name: 'Tulis surat' }).click();
  await page.locator('#f-kind').selectOption('surat-rujukan');
  await page.locator('#f-referral_id').selectOption({ index: 1 });
  await page.locator('#f-recipient_place').fill('Kota Contoh');
  await screen(page, '45a-letter-rujukan-office', record);
  await page.getByRole('button', { name: 'Terbitkan Surat Rujukan' }).click();
  await pdfOpens(page, page.getByRole('link', { name: 'Buka PDF surat' }));
  await page.getByRole('button', { name: 'Tulis surat' }).click();
  await page.locator('#f-kind').selectOption('surat-pernyataan-persetujuan');
  await page.locator('#f-consent_id').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Terbitkan Surat Pernyataan Persetujuan' }).click();
  await pdfOpens(page, page.getByRole('link', { name: 'Buka PDF surat' }));
  await page.getByRole('button', { name: 'Tulis surat' }).click();
  await page.locator('#f-kind').selectOption('laporan-penjangkauan');
  await page.getByRole('button', { name: 'Terbitkan Laporan Penjangkauan' }).click();
  await page.locator('.error-summary').waitFor();
  await screen(page, '45b-letter-error-office', record);
  await page.locator('#f-assignment_document_id').selectOption({ index: 1 });
  await page.locator('#f-outreach_date').fill('2026-12-04');
  await page.locator('#f-location').fill('Kecamatan Contoh');
  await page.locator('#f-findings').fill('Korban ditemui di rumah neneknya.\nKorban dalam keadaan sehat.');
  await page.getByRole('button', { name: 'Terbitkan Laporan Penjangkauan' }).click();
  await pdfOpens(page, page.getByRole('link', { name: 'Buka PDF surat' }));
});

async function pdfOpens(page, link) {
  await link.waitFor();
  const href = await link.getAttribute('href');
  const res = await page.request.get(server.base + href);
  const type = res.headers()['content-type'] ?? '';
  const body = await res.body();
  if (res.status() !== 200 || !type.includes('pdf') || body.subarray(0, 5).toString() !== '%PDF-') throw new Error(`the letter's PDF did not open: ${res.status()} ${type}`);
}

test('termination with the terminasi form closes the case; reopen', async () => {
  const { page } = S.head;
  await page.goto(S.caseUrl.replace(/steps$/, 'work'));
  await page.getByRole('heading', { name: 'Penanganan kasus' }).waitFor();
  await screen(page, '36-case-work-office', record);
  // A case conference with the case worker and the partner, its decisions.
  await page.getByRole('button', { name: 'Catat pertemuan' }).click();
  await page.locator('#f-held_at').fill('2026-12-02T10:00');
  await page.locator('#f-place').fill('Ruang rapat UPTD');
  await page.locator('#f-participants-staff').getByRole('checkbox').first().check();
  await page.getByRole('checkbox', { name: 'Puskesmas Kota Contoh' }).check();
  await page.locator('#f-agenda').fill('Rencana pemulihan korban.');
  await page.locator('#f-decisions').fill('Konseling psikologis dua kali seminggu.\nPemeriksaan lanjutan di puskesmas.');
  await screen(page, '36a-case-meeting-office', record);
  await page.getByRole('button', { name: 'Simpan pertemuan' }).click();
  await page.getByText('Pertemuan sudah dicatat.').waitFor();
  await page.getByText('Konseling psikologis dua kali seminggu.').waitFor();
  await page.getByRole('button', { name: 'Isi formulir terminasi' }).click();
  await page.locator('#f-form-tanggal').fill('2026-12-01');
  const klien = await page.locator('#f-form-klien option').allInnerTexts();
  await page.locator('#f-form-klien').selectOption({ label: klien.find((o) => o.includes('(Klien)')) });
  await page.getByRole('group', { name: /Klien berusia di bawah 18 tahun/ }).getByLabel('Ya').check();
  await page.getByRole('radio', { name: 'Pengakhiran sepihak' }).check();
  await page.getByRole('radio', { name: /menolak melanjutkan layanan/ }).check();
  await page.locator('#f-form-keterangan_penolakan').fill('Keluarga pindah dan menolak layanan lanjutan.');
  await page.locator('#f-summary').fill('Pendampingan awal dan konseling diberikan.');
  // Saved without the closing section: the API names the fields, shown at each of them.
  await page.getByRole('button', { name: 'Terminasi dan tutup kasus' }).click();
  await page.locator('.error-summary').waitFor();
  await screen(page, '37-termination-error-office', record);
  await fillVisibleForm(page, page.locator('main'));
  await page.getByRole('button', { name: 'Terminasi dan tutup kasus' }).click();
  await page.getByText('Kasus ini sudah ditutup.').waitFor().catch(async (e) => {
    await shot(page, '99-debug-termination', record);
    throw e;
  });
  await page.locator('.case-header').getByText('Ditutup').waitFor();
  await screen(page, '38-case-closed-office', record);
  await page.locator('#f-reason').fill('Keluarga kembali meminta pendampingan.');
  await page.getByRole('button', { name: 'Buka kembali kasus' }).click();
  await page.locator('.case-header').getByText('Sedang ditangani').waitFor();
});

test('each of the 19 seed SOPs starts from the UI on a unit running its pack, and its first task is completed from the UI', async () => {
  const sops = await (await fetch(server.base + '/api/v1/sops', { headers: { Cookie: '' } })).json().catch(() => null);
  const packs = ['kalteng', 'luwu-utara', 'kalbar', 'babel', 'nunukan'];
  const results = [];
  let started = 0;
  let completed = 0;
  for (const pack of packs) {
    const code = 'P' + pack.replace(/[^a-z]/g, '').toUpperCase().slice(0, 8);
    cli(server.dataDir, ['unit', 'add', '--code', code, '--name', `UPTD PPA ${pack}`, '--sop-pack', pack]);
    const user = { username: `kepala-${pack}`, password: `kata-sandi-${pack}-2026` };
    cli(server.dataDir, ['user', 'add', user.username, '--role', 'unit_head', '--unit', code, '--password-stdin'], user.password + '\n');
    const { context, page } = await newPage(browser, OFFICE, record);
    await login(page, user);
    // An adult client who consents herself, with no SOP yet: each SOP is started from the case.
    await page.getByRole('link', { name: 'Pengaduan baru' }).first().click();
    await page.getByLabel('Datang langsung').check();
    await page.locator('#f-client-name').fill(`Klien Uji ${pack}`);
    await page.getByRole('radio', { name: 'Perempuan', exact: true }).check();
    await page.locator('#f-client-birth_date').fill('1990-02-03');
    await page.getByLabel('Pelapor adalah klien sendiri').check();
    await page.locator('#f-narrative').fill('Pengaduan uji untuk menjalankan setiap SOP paket ini.');
    await page.getByRole('radio', { name: 'Jangan jalankan SOP sekarang' }).check();
    await page.getByRole('button', { name: 'Simpan pengaduan' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/steps$/);
    const caseUrl = page.url();
    await page.getByRole('link', { name: 'Persetujuan' }).click();
    await page.getByRole('button', { name: 'Catat persetujuan' }).click();
    const giver = (await page.locator('#f-given_by option').allInnerTexts()).find((o) => o.includes('(Klien)'));
    await page.locator('#f-given_by').selectOption({ label: giver });
    for (const scope of ['Layanan', 'Rujukan', 'Penjangkauan', 'Mediasi', 'Terminasi']) await page.getByRole('checkbox', { name: scope, exact: true }).check();
    await page.getByRole('button', { name: 'Simpan persetujuan' }).click();
    await page.getByText('Persetujuan sudah dicatat').waitFor();
    await page.goto(caseUrl);
    await page.locator('#f-sop option').nth(1).waitFor({ state: 'attached' });
    const options = (await page.locator('#f-sop option').allInnerTexts()).filter((o) => !o.startsWith('—'));
    for (const title of options) {
      await page.goto(caseUrl);
      const select = page.locator('#f-sop');
      await select.waitFor();
      await page.locator('#f-sop option').nth(1).waitFor({ state: 'attached' }).catch(() => {});
      if (!(await select.locator('option', { hasText: title }).count())) {
        results.push(`${pack}: "${title}" was started already by another SOP`);
        continue;
      }
      await select.selectOption({ label: title });
      await page.getByRole('button', { name: 'Jalankan SOP' }).click();
      await page.locator('.card h3', { hasText: title }).first().waitFor();
      started++;
      await page.getByRole('link', { name: 'Tugas terbuka' }).click();
      await page.getByRole('heading', { name: 'Tugas terbuka pada kasus ini' }).waitFor();
      const card = page.locator('article.card', { has: page.locator('dd', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
      if (!(await card.count())) {
        results.push(`${pack}: "${title}" opened no task for this case (its first steps were skipped or ended it)`);
        continue;
      }
      await card.getByRole('button', { name: 'Selesaikan langkah ini' }).waitFor();
      await page.waitForLoadState('networkidle');
      for (const box of await card.locator('input[name="documents"]').all()) await box.check();
      const outcome = card.locator('input[name="outcome"]');
      if (await outcome.count()) await outcome.first().check();
      await card.getByRole('button', { name: 'Selesaikan langkah ini' }).click();
      const ok = page.locator('.notice--ok', { hasText: 'selesai.' });
      const bad = card.locator('.error-summary');
      await Promise.race([ok.waitFor(), bad.waitFor()]);
      if (await ok.isVisible()) completed++;
      else results.push(`${pack}: "${title}" first task not completed: ${(await bad.innerText()).replace(/\s+/g, ' ')}`);
    }
    if (pack === 'luwu-utara') await screen(page, '39-sop-pack-luwu-utara-tasks-office', record);
    await context.close();
  }
  console.log(`      SOPs started from the UI: ${started}; first tasks completed: ${completed}`);
  if (results.length) console.log('      ' + results.join('\n      '));
  void sops;
  if (started < 19 || completed < 19) throw new Error(`${started} of 19 SOPs started, ${completed} first tasks completed`);
});

function base32(s) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of s.replace(/=+$/, '').toUpperCase()) bits += abc.indexOf(ch).toString(2).padStart(5, '0');
  const out = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(out);
}
// RFC 6238 with HMAC-SHA256, 6 digits, 30 s (the server's two-step log-in).
function totp(secret, at = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30000)));
  const h = createHmac('sha256', base32(secret)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1e6).padStart(6, '0');
}

test('two-step log-in: a head of a unit that requires it enrols (QR, recovery codes), then logs in with a code', async () => {
  cli(server.dataDir, ['unit', 'set-2fa', 'DEMO', 'on']);
  const { context, page } = await newPage(browser, OFFICE, record);
  await login(page, server.users.kadis, { expectInbox: false });
  await page.getByRole('heading', { name: 'Verifikasi dua langkah' }).waitFor();
  await screen(page, '40-enrol-required-office', record);
  await page.getByRole('button', { name: 'Mulai aktivasi' }).click();
  await page.locator('img.qr').waitFor();
  const secret = (await page.locator('code.secret').innerText()).trim();
  await page.getByLabel('Kode verifikasi').fill(totp(secret));
  await page.getByRole('button', { name: 'Aktifkan verifikasi dua langkah' }).click();
  await page.getByRole('heading', { name: 'Kode pemulihan' }).waitFor();
  await screen(page, '41-recovery-codes-office', record);
  await page.getByRole('button', { name: 'Saya sudah menyimpan kode pemulihan' }).click();
  await page.getByRole('heading', { name: 'Kotak tugas', level: 1 }).waitFor();
  await logout(page);
  await login(page, server.users.kadis, { expectInbox: false });
  await page.getByRole('heading', { name: 'Verifikasi dua langkah' }).waitFor();
  await screen(page, '42-login-totp-office', record);
  // A new code window, so the code used for enrolment is not replayed.
  await page.waitForTimeout(Math.max(0, 30500 - (Date.now() % 30000)));
  await page.getByLabel('Kode verifikasi').fill(totp(secret));
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('heading', { name: 'Kotak tugas', level: 1 }).waitFor();
  await context.close();
});

// Heads' oversight, administration and the authorization sweep, on a server of their own.
registerOversightTests(test, () => ({ browser, record }));

test('nothing personal in URLs, titles, browser storage or the console; no CSP violation', async () => {
  const { page } = S.intake;
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
  }));
  if (storage.local || storage.session || storage.idb) throw new Error('browser storage used: ' + JSON.stringify(storage));
  const leaks = [];
  for (const [what, list] of [['url', record.urls], ['title', record.titles], ['console', record.console]])
    for (const s of list) for (const p of PII) if (s.includes(p)) leaks.push(`${what}: ${s}`);
  if (leaks.length) throw new Error('personal data leaked:\n' + leaks.join('\n'));
  const csp = record.console.filter((c) => /Content Security Policy|Refused to/.test(c));
  if (csp.length) throw new Error('CSP violations:\n' + csp.join('\n'));
  if (record.errors.length) throw new Error('page errors:\n' + record.errors.join('\n'));
});

let passed = 0;
let failed = 0;
try {
  server = await startServer();
  browser = await startBrowser();
  for (const t of tests) {
    if (only && !only.test(t.name)) continue;
    const started = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`ok    ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL  ${t.name}\n      ${String(e && e.stack ? e.stack : e).split('\n').slice(0, 6).join('\n      ')}`);
    }
  }
} catch (e) {
  failed++;
  console.log(`FAIL  setup: ${e && e.stack ? e.stack : e}`);
} finally {
  await S.intake?.context.close().catch(() => {});
  await S.head?.context.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
}
mkdirSync(shotsDir, { recursive: true });
writeFileSync(join(shotsDir, 'axe.json'), JSON.stringify(record.axe, null, 1));
const axeTotal = record.axe.reduce((n, a) => n + a.serious, 0);
if (record.errors.length) console.log('page errors:\n' + record.errors.slice(0, 5).join('\n'));
console.log(`axe-core: ${record.axe.length} screens checked, ${axeTotal} serious or critical violations`);
console.log(`screenshots: ${record.shots.length} in ${shotsDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
