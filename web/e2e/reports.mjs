// Browser tests of the report page (issue 15), registered by run.mjs before its other flows:
// `lindungi demo generate` refuses a store that already holds real cases, so the synthetic
// cases are made first, in a unit of their own (LAPOR) that the other flows never see.
import { readFileSync } from 'node:fs';
import { screen, cli, newPage, OFFICE, PHONE } from './harness.mjs';

const HEAD = { username: 'kepala-laporan', password: 'rekap-triwulan-sungai-kahayan-7' };
const OFFICER = { username: 'petugas-laporan', password: 'rekap-bulanan-sungai-barito-3' };
const CASES = 60;
const number = (s) => Number(s.replace(/\./g, '').replace(/[^0-9]/g, '') || 'NaN');

// The report page of this year, figures loaded.
async function openThisYear(page, server) {
  await page.goto(server.base + '/reports');
  await page.getByRole('heading', { name: 'Laporan', level: 1 }).waitFor();
  await page.getByRole('radio', { name: 'Tahun ini' }).check();
  await page.locator('.report-scope', { hasText: /Januari \d{4} – Desember \d{4}/ }).waitFor();
  await page.waitForLoadState('networkidle');
}

export function registerReportTests(test, ctx) {
  test('reports: a unit of synthetic cases for the report page (demo generate, before any real case)', async () => {
    const { server } = ctx();
    cli(server.dataDir, ['unit', 'add', '--code', 'LAPOR', '--name', 'UPTD PPA Kabupaten Laporan', '--sop-pack', 'kalteng']);
    cli(server.dataDir, ['user', 'add', HEAD.username, '--role', 'unit_head', '--unit', 'LAPOR', '--password-stdin'], HEAD.password + '\n');
    cli(server.dataDir, ['user', 'add', OFFICER.username, '--role', 'intake_officer', '--unit', 'LAPOR', '--password-stdin'], OFFICER.password + '\n');
    const out = cli(server.dataDir, ['demo', 'generate', '--unit', 'LAPOR', '--cases', String(CASES), '--seed', '7']);
    if (!out.includes(`${CASES} synthetic cases`)) throw new Error('demo generate said: ' + out.slice(-300));
    if (!/[1-9]\d* terminated\)/.test(out)) throw new Error('demo generate terminated no case: ' + out.slice(-300));
  });

  test('reports: the unit head reads the dashboard (figures with their tables), filters and downloads the SIMFONI sheet and compliance table', async () => {
    const { server, browser, record, login } = ctx();
    const { context, page } = await newPage(browser, OFFICE, record);
    await login(page, HEAD);
    await page.getByRole('link', { name: 'Laporan', exact: true }).click();
    await page.getByRole('heading', { name: 'Laporan', level: 1 }).waitFor();
    // This year: every synthetic case of the last twelve months that falls in it.
    await page.getByRole('radio', { name: 'Tahun ini' }).check();
    await page.locator('.report-scope', { hasText: /Januari \d{4} – Desember \d{4}/ }).waitFor();
    await page.locator('[data-figure="fig-trend"] table tbody tr').nth(11).waitFor();
    await page.waitForLoadState('networkidle');
    await page.locator('.report-scope .muted').waitFor({ state: 'detached' });

    const number = (s) => Number(s.replace(/\./g, '').replace(/[^0-9]/g, '') || 'NaN');
    const total = number(await page.locator('.report-total dd').first().innerText());
    if (!(total > 0)) throw new Error(`no cases counted this year (${total})`);
    // Each figure: a drawn chart (bars) and its data table with a row per value.
    for (const id of ['fig-trend', 'fig-violence_form', 'fig-age_band', 'fig-case_type', 'fig-share']) {
      const fig = page.locator(`[data-figure="${id}"]`);
      await fig.locator('svg[role="img"]').waitFor();
      if (!(await fig.locator('rect.chart__bar').count())) throw new Error(`${id}: no bars drawn`);
      if (id !== 'fig-share' && !(await fig.locator('table tbody tr').count())) throw new Error(`${id}: no data table`);
    }
    // The trend's table adds up to the total, month by month.
    const trendCases = await page.locator('[data-figure="fig-trend"] table tbody tr td:nth-child(2)').allInnerTexts();
    const sum = trendCases.reduce((n, s) => n + number(s), 0);
    if (sum !== total) throw new Error(`trend table sums to ${sum}, total says ${total}`);
    // Compliance per SOP step: rows with done counts, median and p90 in the step's unit.
    const compliance = page.locator('table.report-compliance');
    await compliance.waitFor();
    const stepRows = await compliance.locator('tbody tr:not(.report-compliance__sop)').count();
    if (stepRows < 3) throw new Error(`compliance table has ${stepRows} step rows`);
    await compliance.getByRole('columnheader', { name: 'Persentil ke-90' }).waitFor();
    await page.getByRole('heading', { name: 'Terlambat saat ini', level: 2 }).waitFor();
    await screen(page, '60-reports-office', record);

    // A chosen period: January to March of this year.
    const year = (await page.locator('.report-scope').innerText()).match(/20\d\d/)[0];
    await page.getByRole('radio', { name: 'Periode pilihan' }).check();
    await page.getByLabel('Dari bulan').fill(`${year}-01`);
    await page.getByLabel('Sampai bulan').fill(`${year}-03`);
    await page.locator('.report-scope', { hasText: /Januari \d{4} – Maret \d{4}/ }).waitFor();
    await page.getByRole('rowheader', { name: /Periode pilihan/ }).waitFor();
    await page.getByRole('radio', { name: 'Triwulan ini' }).check();
    await page.waitForLoadState('networkidle');

    // One-click downloads of this quarter: the SIMFONI sheet (XLSX) and the compliance table (CSV).
    for (const [which, type, magic] of [
      ['simfoni-xlsx-quarter', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK'],
      ['compliance-csv-quarter', 'text/csv', '\uFEFF'],
      ['simfoni-csv-month', 'text/csv', '\uFEFF'],
    ]) {
      const link = page.locator(`a[data-download="${which}"]`);
      const href = await link.getAttribute('href');
      // The link is the API's export URL: the same request with the browser's session cookie.
      const res = await context.request.get(server.base + href);
      if (res.status() !== 200) throw new Error(`${which}: status ${res.status()}`);
      if (!(res.headers()['content-type'] ?? '').startsWith(type)) throw new Error(`${which}: content type ${res.headers()['content-type']}`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const name = download.suggestedFilename();
      const report = which.startsWith('simfoni') ? 'simfoni' : 'kepatuhan';
      if (!new RegExp(`^${report}-LAPOR-\\d{4}-\\d{2}_\\d{4}-\\d{2}\\.(xlsx|csv)$`).test(name)) throw new Error(`${which}: file name ${name}`);
      const body = readFileSync(await download.path());
      const text = body.toString('utf8');
      if (!text.startsWith(magic)) throw new Error(`${which}: not a ${type} file`);
      if (which.startsWith('compliance') && !/Langkah|step/i.test(text.split('\n')[0])) throw new Error(`${which}: header row ${text.split('\n')[0]}`);
      if (which === 'simfoni-csv-month' && /nama_korban|Nama korban/i.test(text.split('\n')[0])) throw new Error('the default SIMFONI sheet has identifying columns');
    }

    // Identifying sheet: unit head only, with a stated purpose (refused without one).
    const form = page.locator('form.report-identifying');
    await form.getByRole('button', { name: 'Unduh lembar dengan identitas' }).click();
    await form.getByRole('alert').getByText('Tuliskan tujuan pengunduhan').waitFor();
    await form.getByLabel('Tujuan pengunduhan').fill('Input data korban triwulan ini ke SIMFONI PPA');
    await form.getByLabel('Periode').selectOption({ index: 1 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: 'Unduh lembar dengan identitas' }).click(),
    ]);
    if (!/^simfoni-LAPOR-.*\.xlsx$/.test(download.suggestedFilename())) throw new Error('identifying file name ' + download.suggestedFilename());
    if (!readFileSync(await download.path()).toString('latin1').startsWith('PK')) throw new Error('identifying download is not XLSX');
    await form.getByText('Berkas sudah diunduh').waitFor();
    await screen(page, '61-reports-downloads-office', record);
    await context.close();

    // Phone: the same page at 360 px, charts above their tables.
    const phone = await newPage(browser, PHONE, record);
    await login(phone.page, HEAD);
    await phone.page.goto(server.base + '/reports');
    await phone.page.locator('[data-figure="fig-case_type"] svg[role="img"]').waitFor();
    await screen(phone.page, '62-reports-phone', record);
    await phone.context.close();
  });

  test('reports: the head builds a cross-table whose cells sum to its total, and withholds small counts for publication', async () => {
    const { server, browser, record, login } = ctx();
    const { context, page } = await newPage(browser, OFFICE, record);
    await login(page, HEAD);
    await openThisYear(page, server);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Tabel silang', level: 2 }) });
    await section.getByLabel('Baris', { exact: true }).selectOption('sex');
    await section.getByLabel('Kolom', { exact: true }).selectOption('age_band');
    const table = section.getByRole('table', { name: 'Klien menurut Jenis kelamin korban (baris) dan Kelompok umur korban (kolom)' });
    await section.locator('table[data-current="true"][data-publication="false"]').waitFor();
    const cells = (await table.locator('tbody td:not(.report-cross__sum)').allInnerTexts()).map(number);
    const total = number(await table.locator('.report-cross__total').innerText());
    const sum = cells.reduce((n, v) => n + v, 0);
    if (!(total > 0) || sum !== total) throw new Error(`cross-table cells sum to ${sum}, its total says ${total}`);
    // Sex and age band are single-valued and each synthetic client has one incident: the
    // table's total is the page's client count.
    const clients = number(await page.locator('.report-total dd').nth(1).innerText());
    if (clients !== total) throw new Error(`cross-table total ${total}, clients ${clients}`);
    // Each row's sum is its cells'.
    for (const row of await table.locator('tbody tr').all()) {
      const vs = (await row.locator('td:not(.report-cross__sum)').allInnerTexts()).map(number);
      const rowSum = number(await row.locator('td.report-cross__sum').innerText());
      if (vs.reduce((n, v) => n + v, 0) !== rowSum) throw new Error(`a row sums to ${rowSum}, its cells to ${vs}`);
    }
    // The same dimension twice is refused in place.
    await section.getByLabel('Kolom', { exact: true }).selectOption('sex');
    await section.getByRole('alert').getByText('Pilih dua dimensi yang berbeda').waitFor();
    await section.getByLabel('Kolom', { exact: true }).selectOption('age_band');
    await table.waitFor();
    await screen(page, '64-reports-cross-office', record);
    // For publication: no count of 1 or 2 is shown.
    await section.getByRole('checkbox', { name: /Untuk publikasi/ }).check();
    await section.locator('table[data-current="true"][data-publication="true"]').waitFor();
    const shown = await table.locator('tbody td:not(.report-cross__sum)').allInnerTexts();
    if (shown.some((v) => v.trim() === '1' || v.trim() === '2')) throw new Error('a count below 3 is shown for publication: ' + shown);
    if (shown.length !== cells.length) throw new Error('the publication table changed shape');
    cells.forEach((v, i) => {
      const want = v === 1 || v === 2 ? '<3' : String(v);
      if (shown[i].trim().replace(/\./g, '') !== want) throw new Error(`cell ${i}: ${shown[i]} for ${v}`);
    });
    await context.close();

    const phone = await newPage(browser, PHONE, record);
    await login(phone.page, HEAD);
    await openThisYear(phone.page, server);
    await phone.page.getByRole('table', { name: /Klien menurut/ }).waitFor();
    await phone.page.getByRole('heading', { name: 'Tabel silang', level: 2 }).scrollIntoViewIfNeeded();
    await screen(phone.page, '65-reports-cross-phone', record);
    await phone.context.close();
  });

  test('reports: the head marks two SIMFONI rows sent; they leave the to-send list, and marking one again is refused', async () => {
    const { server, browser, record, login } = ctx();
    const { context, page } = await newPage(browser, OFFICE, record);
    await login(page, HEAD);
    await openThisYear(page, server);
    // A second tab opened before the marking: its list goes stale.
    const stale = await context.newPage();
    await openThisYear(stale, server);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Baris SIMFONI yang dikirim', level: 2 }) });
    const toSend = section.getByRole('table', { name: 'Baris SIMFONI yang belum dikirim' });
    await toSend.waitFor();
    const before = await toSend.locator('tbody tr').count();
    if (before < 3) throw new Error(`only ${before} SIMFONI rows to send`);
    const rows = toSend.locator('tbody tr');
    const picked = [await rows.nth(0).getAttribute('data-case-number'), await rows.nth(1).getAttribute('data-case-number')];
    await rows.nth(0).getByRole('textbox').fill('SIMFONI-2026-0001');
    await rows.nth(1).getByRole('textbox').fill('SIMFONI-2026-0002');
    // The input date: today by default.
    const sentOn = await section.getByLabel('Tanggal input ke SIMFONI', { exact: true }).inputValue();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(sentOn)) throw new Error('no input date by default: ' + sentOn);
    await screen(page, '66-reports-simfoni-office', record);
    await section.getByRole('button', { name: 'Tandai 2 baris terkirim' }).click();
    await section.getByRole('status').getByText('2 baris ditandai terkirim.').waitFor();
    await section.getByRole('heading', { name: `Belum dikirim (${before - 2} baris)` }).waitFor();
    for (const n of picked) {
      if (await toSend.locator(`tbody tr[data-case-number="${n}"]`).count()) throw new Error(`${n} is still to send`);
    }
    const sent = section.getByRole('table', { name: 'Baris SIMFONI yang sudah dikirim' });
    for (const [i, n] of picked.entries()) await sent.getByRole('row', { name: new RegExp(`${n}.*SIMFONI-2026-000${i + 1}`) }).waitFor();
    await screen(page, '67-reports-simfoni-sent-office', record);

    // The stale tab still offers the first row: marking it again is refused by the API, and
    // the list is read again without it.
    const staleSection = stale.locator('section', { has: stale.getByRole('heading', { name: 'Baris SIMFONI yang dikirim', level: 2 }) });
    await staleSection.locator(`tbody tr[data-case-number="${picked[0]}"]`).getByRole('textbox').fill('SIMFONI-2026-0009');
    await staleSection.getByRole('button', { name: 'Tandai 1 baris terkirim' }).click();
    await stale.getByRole('alert').getByText('Baris ini sudah ditandai terkirim ke SIMFONI.').waitFor();
    await staleSection.getByRole('heading', { name: `Belum dikirim (${before - 2} baris)` }).waitFor();
    await stale.close();
    await context.close();

    const phone = await newPage(browser, PHONE, record);
    await login(phone.page, HEAD);
    await openThisYear(phone.page, server);
    await phone.page.getByRole('table', { name: 'Baris SIMFONI yang sudah dikirim' }).scrollIntoViewIfNeeded();
    await screen(phone.page, '68-reports-simfoni-phone', record);
    await phone.context.close();
  });

  test('reports: compliance by staff member for the head, not for an intake officer', async () => {
    const { server, browser, record, login } = ctx();
    const { context, page } = await newPage(browser, OFFICE, record);
    await login(page, HEAD);
    await openThisYear(page, server);
    const toggle = page.getByRole('checkbox', { name: 'Per petugas (khusus kepala)' });
    await toggle.check();
    const table = page.getByRole('table', { name: 'Kepatuhan baku waktu per langkah SOP dan petugas' });
    await table.getByRole('columnheader', { name: 'Petugas' }).waitFor();
    await table.locator('td.report-compliance__staff').first().waitFor();
    const staffCells = await table.locator('td.report-compliance__staff').count();
    if (staffCells < 3) throw new Error(`by-staff table has ${staffCells} rows`);
    await screen(page, '69-reports-by-staff-office', record);
    await context.close();

    const officer = await newPage(browser, OFFICE, record);
    await login(officer.page, OFFICER);
    await openThisYear(officer.page, server);
    await officer.page.locator('table.report-compliance').waitFor();
    if (await officer.page.getByRole('checkbox', { name: /Per petugas/ }).count()) throw new Error('an intake officer is offered compliance by staff');
    if (await officer.page.getByRole('columnheader', { name: 'Petugas' }).count()) throw new Error('an intake officer sees a staff column');
    await officer.context.close();
  });

  test('reports: a case worker has no report link and the page says so', async () => {
    const { server, browser, record, login } = ctx();
    const { context, page } = await newPage(browser, OFFICE, record);
    await login(page, server.users.pendamping);
    if (await page.getByRole('link', { name: 'Laporan', exact: true }).count()) throw new Error('a case worker is offered the report link');
    await page.goto(server.base + '/reports');
    await page.getByRole('heading', { name: 'Tidak diizinkan' }).waitFor();
    await screen(page, '63-reports-not-allowed-office', record);
    await context.close();
  });
}
