// The monthly recap in a real browser, for bench/recap_bench.sh: logs in
// as the given user, then loads the dashboard on #/recap?month=MONTH
// REPEATS times from scratch and prints, per load, the milliseconds until
// the figures are shown (#recap-stats) and until the first page of the
// case list is in.
//
//   node bench/recap_browser.mjs BASE_URL USERNAME PASSWORD MONTH [REPEATS]
import {mkdtempSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

// playwright-core as the browser tests have it (scripts/install-deps).
const {chromium} = createRequire(new URL('../tests/web/package.json', import.meta.url))('playwright-core');

const [base, username, password, month, repeats = '5'] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'kotak-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.KOTAK_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: {width: 1280, height: 860},
  locale: 'id-ID',
});
try {
  const page = await context.newPage();
  await page.goto(`${base}/app/`);
  const status = await page.evaluate(async ([u, p]) => (await fetch('/api/staff/login', {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({username: u, password: p}),
  })).status, [username, password]);
  if (status !== 200) throw new Error(`log-in answered ${status}`);
  for (let i = 0; i < Number(repeats); i++) {
    await page.goto('about:blank');
    const start = Date.now();
    await page.goto(`${base}/app/#/recap?month=${month}`);
    await page.waitForSelector('#recap-stats', {state: 'visible', timeout: 60000});
    const stats = Date.now() - start;
    await page.waitForFunction(() => document.querySelectorAll('#recap-list tbody tr').length > 0, null, {timeout: 60000});
    const list = Date.now() - start;
    console.log(`${stats} ${list}`);
  }
} finally {
  await context.close();
  rmSync(profile, {recursive: true, force: true});
}
