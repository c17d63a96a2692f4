// Browser tests of the heads' oversight and the unit's administration (issue 16, screens 4
// and 5), and the authorization sweep: every screen opened by every demo role's user and by
// a partner organisation's user shows the screen or "not allowed", never an error or a blank
// page. They run on a server of their own whose clock the test moves (to make a task overdue),
// registered by run.mjs.
import { writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, newPage, screen, OFFICE, PHONE, shotsDir } from './harness.mjs';

const CLIENT = 'Nur Aisyah Qzwoversight';

export function registerOversightTests(test, ctx) {
  const S = {};

  async function login(page, user, { expect = 'Kotak tugas' } = {}) {
    await page.goto(S.server.base + '/');
    await page.getByLabel('Nama pengguna').fill(user.username);
    await page.getByLabel('Kata sandi').fill(user.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Masuk ke Lindungi' }).waitFor({ state: 'detached' });
    if (expect) await page.getByRole('heading', { name: expect, level: 1 }).waitFor();
  }

  /** The API as a user, from node (an earlier step of the path: the intake officer's work). */
  async function apiAs(user) {
    const r = await fetch(S.server.base + '/api/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    if (r.status !== 201) throw new Error(`log-in of ${user.username}: ${r.status}`);
    const cookie = r.headers.get('set-cookie').split(';')[0];
    const { csrf_token } = await r.json();
    return async (method, path, body) => {
      const res = await fetch(S.server.base + path, {
        method,
        headers: { Cookie: cookie, 'X-CSRF-Token': csrf_token, 'Content-Type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return JSON.parse(text);
    };
  }

  test('oversight: a unit head assigns an overdue task, waives a requirement, marks the case sensitive and sees who viewed it', async () => {
    const { browser, record } = ctx();
    S.clockDir = mkdtempSync(join(tmpdir(), 'lindungi-clock-'));
    S.clock = join(S.clockDir, 'now');
    S.server = await startServer({ clockFile: S.clock });
    const users = S.server.users;
    // Three days ago the intake officer recorded a complaint and started the direct-complaint
    // SOP; nobody has done its first step since, so it is overdue now.
    writeFileSync(S.clock, new Date(Date.now() - 3 * 86400e3).toISOString());
    const intake = await apiAs(users.pengaduan);
    const kase = await intake('POST', '/api/v1/cases', {
      channel: 'walk_in',
      reporter: { name: 'Ibu Pelapor Qzw', relation: 'parent' },
      client: { name: CLIENT, sex: 'female', birth_date: '2014-03-02' },
      narrative: 'Korban datang bersama ibunya.',
    });
    S.caseId = kase.id ?? kase.case_id;
    await intake('POST', `/api/v1/cases/${S.caseId}/sops`, { sop: 'kalteng/pengaduan-langsung' });
    rmSync(S.clock); // back to the real clock

    const { context, page } = await newPage(browser, OFFICE, record);
    S.head = { context, page };
    await login(page, users.kepala);
    await page.getByRole('link', { name: 'Pengawasan' }).click();
    await page.getByRole('heading', { name: 'Pengawasan tugas unit', level: 1 }).waitFor();
    const row = page.locator('.task-item--late', { hasText: kase.number });
    await row.waitFor();
    await page.locator('.oversight-group h2 .badge', { hasText: 'terlambat' }).first().waitFor();
    await screen(page, '80-oversight-by-step-office', record);
    // Assign it to the intake officer from the row.
    await row.locator('summary', { hasText: 'Tugaskan' }).click();
    const who = row.getByLabel('Petugas');
    await who.selectOption({ label: (await who.locator('option', { hasText: 'Demo pengaduan' }).innerText()).trim() });
    await row.getByRole('button', { name: 'Tugaskan', exact: true }).click();
    await page.getByRole('button', { name: 'Per petugas' }).click();
    await page.locator('.oversight-group', { hasText: 'Demo pengaduan' }).locator('.task-item', { hasText: kase.number }).waitFor();
    await screen(page, '81-oversight-by-staff-office', record);

    // One click from the row to the task card: waive the missing documents with a reason.
    await page.locator('.task-item', { hasText: kase.number }).getByRole('link', { name: kase.number }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/tasks#task-[0-9a-f-]{36}$/);
    const card = page.locator('.card--target');
    await card.waitFor();
    await card.locator('summary', { hasText: 'Bebaskan kelengkapan' }).click();
    await card.getByLabel('Alasan pembebasan').fill('Klien datang tanpa KTP; identitas dicatat dari keterangan ibunya.');
    await card.getByRole('button', { name: 'Bebaskan kelengkapan' }).click();
    await card.getByText('Kelengkapan dibebaskan oleh supervisor').waitFor();
    await screen(page, '82-task-waived-office', record);

    // The case team and the sensitive flag.
    await page.getByRole('link', { name: 'Tim & akses' }).click();
    await page.getByRole('heading', { name: 'Tim kasus' }).waitFor();
    await page.getByLabel('Alasan menandai sensitif').fill('Terduga pelaku bekerja di instansi mitra.');
    await page.getByRole('button', { name: 'Tandai sensitif' }).click();
    await page.getByText('Kasus ditandai sensitif.').waitFor();
    await page.locator('.case-header .badge', { hasText: 'Sensitif' }).waitFor();

    // The intake officer (on the team, the task's assignee) opens the case in her browser...
    const other = await newPage(browser, PHONE, record);
    await login(other.page, users.pengaduan);
    await other.page.goto(`${S.server.base}/cases/${S.caseId}/steps`);
    await other.page.locator('.case-header h1').waitFor();
    await other.context.close();
    // ...and the head sees who viewed it.
    await page.reload();
    await page.getByRole('heading', { name: 'Siapa yang melihat kasus ini' }).waitFor();
    await page.locator('.access-log tbody tr', { hasText: 'Demo pengaduan' }).first().waitFor();
    await screen(page, '83-case-access-office', record);
    const phone = await newPage(browser, PHONE, record);
    await login(phone.page, users.kepala);
    await phone.page.goto(`${S.server.base}/cases/${S.caseId}/access`);
    await phone.page.getByRole('heading', { name: 'Siapa yang melihat kasus ini' }).waitFor();
    await screen(phone.page, '84-case-access-phone', record);
    await phone.page.goto(`${S.server.base}/oversight`);
    await phone.page.locator('.task-item', { hasText: kase.number }).waitFor();
    await screen(phone.page, '85-oversight-phone', record);
    await phone.context.close();
    await context.close();
  });

  test('administration: the administrator adds a user who must enrol two-step log-in, a partner and its user; settings, letterhead PDF, SOP packs, forms', async () => {
    const { browser, record } = ctx();
    const users = S.server.users;
    const { context, page } = await newPage(browser, OFFICE, record);
    // An administrator reads no case: the app opens on the administration.
    await login(page, users.admin, { expect: 'Administrasi unit' });
    await page.getByRole('link', { name: 'Kotak tugas' }).waitFor({ state: 'detached', timeout: 1000 }).catch(() => {});
    if (await page.getByRole('link', { name: 'Kotak tugas' }).count()) throw new Error('an administrator is offered the inbox');
    await page.locator('.admin-item', { hasText: 'Demo pendamping' }).waitFor();
    await screen(page, '86-admin-users-office', record);

    // The unit requires two-step log-in; the letterhead preview is the real PDF.
    await page.getByRole('link', { name: 'Pengaturan unit' }).click();
    await page.getByLabel('Wajibkan log masuk dua langkah').check();
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByText('Tersimpan.').waitFor();
    const preview = page.getByRole('link', { name: 'Lihat pratinjau kop surat (PDF)' });
    const pdf = await page.request.get(S.server.base + (await preview.getAttribute('href')));
    if (pdf.status() !== 200 || pdf.headers()['content-type'] !== 'application/pdf') throw new Error('letterhead preview: ' + pdf.status());
    if (!(await pdf.body()).subarray(0, 4).equals(Buffer.from('%PDF'))) throw new Error('the preview is no PDF');
    await screen(page, '87-admin-settings-office', record);

    // A new section head: the password is shown once.
    await page.getByRole('link', { name: 'Pengguna' }).click();
    await page.locator('summary', { hasText: 'Tambah pengguna' }).click();
    await page.getByLabel('Nama pengguna').fill('kasi.baru');
    await page.getByLabel('Nama tampilan').fill('Kasi Baru');
    await page.getByLabel('Kepala seksi').first().check();
    await page.getByRole('button', { name: 'Buat akun' }).click();
    const once = page.locator('.once-password__value');
    await once.waitFor();
    const password = (await once.innerText()).trim();
    await screen(page, '88-admin-user-added-office', record);
    await page.getByRole('button', { name: 'Sudah dicatat, tutup' }).click();
    if (await once.count()) throw new Error('the password stays on screen');

    // She logs in and must enrol an authenticator first (the unit requires it of heads).
    const kasi = await newPage(browser, OFFICE, record);
    await login(kasi.page, { username: 'kasi.baru', password }, { expect: 'Verifikasi dua langkah' });
    await kasi.page.getByRole('button', { name: 'Mulai aktivasi' }).waitFor();
    await kasi.context.close();

    // A partner organisation of the unit's directory and its user.
    await page.getByRole('link', { name: 'Mitra' }).click();
    await page.locator('summary', { hasText: 'Daftarkan lembaga mitra' }).click();
    await page.getByLabel('Nama lembaga').fill('Puskesmas Kota Contoh');
    await page.getByLabel('Kode', { exact: true }).fill('PUSKESMAS-KC');
    await page.getByLabel('Jenis lembaga').selectOption('health');
    await page.getByRole('button', { name: 'Daftarkan mitra' }).click();
    const partner = page.locator('.admin-item--partner', { hasText: 'Puskesmas Kota Contoh' });
    await partner.locator('summary', { hasText: 'Tambah pengguna' }).click();
    await partner.getByLabel('Nama pengguna').fill('puskesmas');
    await partner.getByLabel('Nama tampilan').fill('Petugas Puskesmas');
    await partner.getByRole('button', { name: 'Buat akun' }).click();
    await once.waitFor();
    S.partnerUser = { username: 'puskesmas', password: (await once.innerText()).trim() };
    await screen(page, '89-admin-partners-office', record);
    await page.getByRole('button', { name: 'Sudah dicatat, tutup' }).click();

    // The SOP packs: a SOP as its table and its flowchart, its source named; a form as outline.
    await page.getByRole('link', { name: 'Paket SOP' }).click();
    await page.getByRole('button', { name: 'SOP Pelayanan Mediasi di UPT PPA' }).click();
    await page.locator('.sop-table tbody tr').first().waitFor();
    await page.getByText(/berkas 001_/).waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('.sop-view img.flowchart');
      return img && img.complete && img.naturalWidth > 0;
    });
    const svg = await page.request.get(S.server.base + (await page.locator('.sop-view img.flowchart').getAttribute('src')));
    const text = await svg.text();
    if (!/menit|hari kerja/.test(text) || /working_days/.test(text)) throw new Error('the flowchart does not say its times in words');
    await screen(page, '90-admin-sop-office', record);
    await page.getByRole('link', { name: 'Formulir' }).click();
    await page.getByLabel('Formulir').selectOption({ index: 1 });
    await page.locator('.form-outline .outline__fields li').first().waitFor();
    await screen(page, '91-admin-forms-office', record);

    // Two-step log-in optional again, for the sweep below.
    await page.getByRole('link', { name: 'Pengaturan unit' }).click();
    await page.getByLabel('Wajibkan log masuk dua langkah').uncheck();
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByText('Tersimpan.').waitFor();
    const phone = await newPage(browser, PHONE, record);
    await login(phone.page, users.admin, { expect: 'Administrasi unit' });
    await screen(phone.page, '92-admin-users-phone', record);
    // The SOP's table and flowchart on a phone: read by scrolling down, never sideways.
    await phone.page.getByRole('link', { name: 'Paket SOP' }).click();
    await phone.page.getByRole('button', { name: 'SOP Pelayanan Mediasi di UPT PPA' }).click();
    await phone.page.locator('.sop-table tbody tr').first().waitFor();
    await phone.page.waitForFunction(() => {
      const img = document.querySelector('.sop-view img.flowchart');
      return img && img.complete && img.naturalWidth > 0;
    });
    await screen(phone.page, '93-admin-sop-phone', record);
    await phone.context.close();
    await context.close();
  });

  test('authorization: every screen, opened by every demo role and a partner user, shows itself or "not allowed" — never an error or a blank page', async () => {
    const { browser, record } = ctx();
    const screens = [
      '/tasks',
      '/intake',
      '/cases',
      `/cases/${S.caseId}/steps`,
      `/cases/${S.caseId}/access`,
      `/cases/${S.caseId}/shelter`,
      `/cases/${S.caseId}/transfer`,
      '/shelters',
      '/transfers',
      '/referrals',
      '/reports',
      '/oversight',
      '/admin/users',
      '/admin/partners',
      '/admin/settings',
      '/admin/sops',
      '/admin/forms',
      '/account',
    ];
    const people = [...Object.values(S.server.users), { ...S.partnerUser, role: 'partner' }];
    const outcomes = [];
    const { context, page } = await newPage(browser, OFFICE, record);
    for (const user of people) {
      await login(page, user, { expect: null });
      await page.locator('main h1, main .not-allowed').first().waitFor();
      for (const path of screens) {
        await page.goto(S.server.base + path);
        // Settled: a heading or "not allowed", and nothing still loading.
        await page
          .waitForFunction(() => {
            const m = document.querySelector('main');
            return !!m && !!m.querySelector('h1, .not-allowed') && !m.querySelector('.loading');
          }, null, { timeout: 10_000 })
          .catch(() => {});
        const got = await page.evaluate(() => {
          const m = document.querySelector('main');
          return {
            text: (m?.innerText ?? '').trim(),
            h1: m?.querySelector('h1')?.textContent ?? '',
            notAllowed: !!m?.querySelector('.not-allowed'),
            error: !!m?.querySelector('.notice--error'),
            loading: !!m?.querySelector('.loading'),
          };
        });
        const what = got.notAllowed ? 'not allowed' : got.h1.includes('Tidak ditemukan') ? 'not found' : 'screen';
        outcomes.push(`${user.role} ${path}: ${what}`);
        if (got.h1.includes('Masuk ke Lindungi')) throw new Error(`${user.username} on ${path}: logged out`);
        if (got.error || got.loading || !got.text || (!got.h1 && !got.notAllowed))
          throw new Error(`${user.username} (${user.role}) on ${path}: ${got.error ? 'an error' : got.loading ? 'still loading' : 'a blank page'}\n${got.text.slice(0, 300)}`);
      }
      try {
        await page.getByRole('button', { name: 'Keluar', exact: true }).click();
        await page.getByRole('heading', { name: 'Masuk ke Lindungi' }).waitFor();
      } catch (e) {
        await page.screenshot({ path: join(shotsDir, '99-debug-sweep.png'), fullPage: true });
        throw new Error(`log-out of ${user.username} failed on ${page.url()}:\n${outcomes.join('\n')}\n${e}`);
      }
    }
    // The rules hold where they must: staff screens refuse the administrator and the partner;
    // the administration refuses a case worker; the access log needs a head.
    for (const expected of ['admin /tasks: not allowed', 'partner /cases: not allowed', 'case_worker /admin/users: not allowed', 'unit_head /admin/users: screen', 'intake_officer /oversight: not allowed', 'section_head /oversight: screen', 'partner /referrals: screen', 'partner /shelters: not allowed', 'case_worker /referrals: not allowed', 'case_manager /transfers: screen', 'admin /shelters: not allowed'])
      if (!outcomes.includes(expected)) throw new Error(`expected "${expected}":\n${outcomes.join('\n')}`);
    writeFileSync(join(shotsDir, 'authorization-sweep.txt'), outcomes.join('\n') + '\n');
    await context.close();
    await S.server.stop();
    rmSync(S.clockDir, { recursive: true, force: true });
  });
}
