// The browser-test harness: a fresh data dir with `lindungi init --demo`, `lindungi serve`
// on a free loopback port serving web/dist, Debian's Chromium driven by playwright-core
// (never a downloaded browser), axe-core on every screen, screenshots under build/.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, '..');
export const distDir = join(webDir, 'dist');
export const bin = resolve(webDir, process.env.LINDUNGI_BIN ?? '../build/dev/lindungi');
export const shotsDir = resolve(webDir, process.env.LINDUNGI_SCREENSHOTS ?? '../build/screenshots');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const OFFICE = { width: 1366, height: 768 };
export const PHONE = { width: 360, height: 740 };

export function cli(dataDir, args, input) {
  const r = spawnSync(bin, ['--data-dir', dataDir, ...args], { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`lindungi ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * `clockFile`: the server reads its time from this file when it exists (LINDUNGI_TEST_CLOCK_FILE,
 * tests only: docs/reports.md "Testing"), so a flow can make a task overdue by moving time on.
 */
export async function startServer({ clockFile } = {}) {
  if (!existsSync(bin)) throw new Error(`no lindungi binary at ${bin} (set LINDUNGI_BIN)`);
  if (!existsSync(join(distDir, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  const dataDir = mkdtempSync(join(tmpdir(), 'lindungi-e2e-'));
  const out = cli(dataDir, ['init', '--demo']);
  const users = {};
  for (const line of out.split('\n')) {
    const m = /^\s{2}([a-z0-9._-]+)\s+(\S+)\s+([a-z_]+)\s*$/.exec(line);
    if (m) users[m[1]] = { username: m[1], password: m[2], role: m[3] };
  }
  if (!users.pengaduan) throw new Error('init --demo printed no intake officer:\n' + out);
  const port = await freePort();
  const proc = spawn(bin, ['--data-dir', dataDir, 'serve', '--host', '127.0.0.1', '--port', String(port), '--web-dir', distDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: clockFile ? { ...process.env, LINDUNGI_TEST_CLOCK_FILE: clockFile } : process.env,
  });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null) throw new Error('lindungi serve exited:\n' + log);
    if (Date.now() > deadline) throw new Error('lindungi serve did not come up:\n' + log);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    dataDir,
    users,
    log: () => log,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => {
        if (proc.exitCode !== null) return r();
        const t = setTimeout(() => {
          proc.kill('SIGKILL');
          r();
        }, 10_000);
        proc.on('exit', () => {
          clearTimeout(t);
          r();
        });
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startBrowser() {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (apt-get install -y chromium)`);
  // launch() gives every run a fresh temporary profile (its own --user-data-dir).
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that records what must never happen: CSP violations, errors, personal data in the console. */
export async function newPage(browser, viewport, record) {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (m) => record.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => record.errors.push(String(e)));
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) record.urls.push(f.url());
  });
  return { context, page };
}

export async function axe(page, name, record) {
  // Evaluated over CDP, so the page's CSP (script-src 'self') does not block it.
  await page.evaluate(axeSource + ';0');
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  record.axe.push({ name, violations: result.length, serious: bad.length, detail: bad });
  if (bad.length) throw new Error(`axe on ${name}: ${JSON.stringify(bad, null, 1)}`);
}

export async function shot(page, name, record) {
  mkdirSync(shotsDir, { recursive: true });
  const file = join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  record.shots.push(file);
  record.titles.push(await page.title());
}

/** Screenshot and axe for one screen, which must never scroll sideways (a phone at 360 px). */
export async function screen(page, name, record) {
  await page.waitForLoadState('networkidle');
  await shot(page, name, record);
  await axe(page, name, record);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  if (scrollWidth > innerWidth) throw new Error(`${name}: the page is ${scrollWidth} px wide in a ${innerWidth} px window (it scrolls sideways)`);
}
