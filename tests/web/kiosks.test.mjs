// Kiosk health for the district (issue 15 item 12) in a real browser
// against the real stack: real kotak-sync reports its kiosk's health with
// its sync; the petugas sees their puskesmas's kiosk, the district admin
// every kiosk with the warnings that need a look (little disk, a clock far
// off); then the server runs a day and an hour later (libfaketime, a moved
// clock): the silent kiosk is marked on the page and its petugas gets one
// mail through the SMTP sink - one, however many rounds pass.
// Screenshots go to $KOTAK_SCREENSHOTS; docs/dashboard-kiosks.png is one.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {appendFileSync, mkdirSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const stack = new Stack();
const outerFaketime = process.env.FAKETIME;
let browser, page, sink;
const mailDir = join(stack.dir, 'mail');

// FAKETIME for the server: 25 hours on from this test's own clock, which
// `make test-moved-clock` may have moved already (FAKETIME=+400d).
function dayAndHourLater() {
  const outer = process.env.FAKETIME || '';
  let hours = 25;
  if (outer) {
    const days = outer.match(/^([+-]\d+)d$/);
    assert.ok(days, `this test understands FAKETIME of the form +400d, not ${outer}`);
    hours += Number(days[1]) * 24;
  }
  return `${hours >= 0 ? '+' : ''}${hours}h`;
}

function mails() {
  return readdirSync(mailDir).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(join(mailDir, f), 'utf8'));
}

async function kioskRows(p) {
  await p.goto('about:blank');
  await p.goto(`${stack.url}/app/#/kiosks`);
  await p.waitForSelector('#kiosks-table, .empty');
  return p.$$eval('#kiosks-table tbody tr', (trs) => Object.fromEntries(trs.map((tr) =>
    [tr.dataset.kiosk, {warnings: tr.dataset.warnings, text: tr.textContent}])));
}

// What kotak-sync would send, straight to the API with a device's token.
async function report(tokenFile, body) {
  const token = readFileSync(tokenFile, 'utf8').trim();
  const response = await fetch(`${stack.url}/api/v1/device/health`, {method: 'POST',
    headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'},
    body: JSON.stringify({protocol: 1, ...body})});
  assert.equal(response.status, 200, await response.text());
}

describe('kiosk health for the district', () => {
  before(async () => {
    mkdirSync(mailDir, {recursive: true});
    sink = spawn('setpriv', ['--pdeathsig', 'KILL', '--', process.env.KOTAK_SMTP_SINK_BIN, mailDir], {stdio: ['ignore', 'pipe', 'inherit']});
    const port = await new Promise((resolve) => createInterface({input: sink.stdout}).once('line', (line) => resolve(line.split(' ').pop())));
    stack.setUp();
    stack.addManagers();
    appendFileSync(stack.config, `[mail]\nsmtp_url = "smtp://127.0.0.1:${port}"\nfrom = "kotak@pkm-test.example.go.id"\npoll_s = 1\n`);
    stack.admin('user', 'email', 'sari', 'sari@pkm-test.example.go.id');
    stack.admin('device', 'add', '--facility', 'pkm-lain', '--name', 'kiosk-lobi', '--token-file', join(stack.dir, 'lobi.token'));
    await stack.start();
    stack.writeComplaint('Kursi ruang tunggu kurang.', 'anonim');
    const synced = await stack.syncLog();
    assert.equal(synced.code, 0, synced.err);
    assert.match(synced.err, /health reported/);
    browser = await openBrowser({viewport: {width: 1366, height: 768}});
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
    if (sink) sink.kill('SIGKILL');
  });

  it('the petugas sees their kiosk as kotak-sync reported it - nothing of another puskesmas', async () => {
    await report(join(stack.dir, 'lobi.token'), {queue: 41, quarantined: 2, version: '1.3.9', disk_free_bytes: 180 * 1024 * 1024, clock_offset_ms: -720000});
    await stack.logIn(page, 'sari');
    assert.equal(await page.isVisible('#nav a[data-page="kiosks"]'), true);
    const rows = await kioskRows(page);
    assert.deepEqual(Object.keys(rows), ['pkm-test/kiosk-1']);
    const mine = rows['pkm-test/kiosk-1'];
    assert.equal(mine.warnings, '');
    assert.match(mine.text, /Baik/);
    assert.match(mine.text, /menit lalu/);
    assert.match(await page.textContent('#kiosks-summary'), /Semua 1 kios baik/);
    // The API answers the same to a hand-made request for another facility.
    const other = await page.evaluate(async () => (await fetch('/api/staff/kiosks?facility=pkm-lain')).status);
    assert.equal(other, 403);
  });

  it('the district admin sees every kiosk - the one with little disk and a far clock first', async () => {
    await stack.logIn(page, 'dinkes');
    const rows = await kioskRows(page);
    assert.deepEqual(Object.keys(rows).sort(), ['pkm-lain/kiosk-lobi', 'pkm-test/kiosk-1']);
    assert.equal(rows['pkm-lain/kiosk-lobi'].warnings, 'disk clock quarantined');
    assert.match(rows['pkm-lain/kiosk-lobi'].text, /Ruang disk hampir habis/);
    assert.match(rows['pkm-lain/kiosk-lobi'].text, /−12 menit/);
    assert.match(rows['pkm-lain/kiosk-lobi'].text, /180 MB/);
    assert.match(await page.textContent('#kiosks-summary'), /1 dari 2 kios perlu diperiksa/);
    await page.screenshot({path: join(shots, 'kiosks-admin.png'), fullPage: true});
  });

  it('a day later the silent kiosk is marked and its petugas mailed once', async () => {
    assert.equal(mails().filter((m) => m.includes('kiosk-1')).length, 0);
    await stack.stopServer();
    process.env.LD_PRELOAD = process.env.KOTAK_LIBFAKETIME;
    process.env.FAKETIME = dayAndHourLater();
    process.env.FAKETIME_DONT_FAKE_MONOTONIC = '1';
    try {
      await stack.start();
    } finally {
      delete process.env.LD_PRELOAD;
      delete process.env.FAKETIME_DONT_FAKE_MONOTONIC;
      if (outerFaketime === undefined) delete process.env.FAKETIME; else process.env.FAKETIME = outerFaketime;
    }
    // The other kiosk synced just now (by the server's moved clock).
    await report(join(stack.dir, 'lobi.token'), {queue: 0, quarantined: 2, version: '1.3.9', disk_free_bytes: 180 * 1024 * 1024, clock_offset_ms: -720000});
    let outage = [];
    for (let i = 0; i < 100 && outage.length === 0; ++i) {
      await sleep(100);
      outage = mails().filter((m) => m.includes('Kios ini belum sinkron'));
    }
    assert.equal(outage.length, 1);
    const mail = outage[0];
    assert.match(mail, /X-Envelope-To: <sari@pkm-test\.example\.go\.id>/);
    assert.match(mail, /kiosk-1/);
    assert.match(mail, /Puskesmas Uji/);
    assert.match(mail, /--- English ---/);
    assert.match(mail, /\/app\/#\/kiosks/);
    assert.doesNotMatch(mail, /Kursi ruang tunggu/);  // never what a patient wrote

    await stack.logIn(page, 'dinkes');
    const rows = await kioskRows(page);
    assert.equal(rows['pkm-test/kiosk-1'].warnings, 'silent');
    assert.match(rows['pkm-test/kiosk-1'].text, /Tidak sinkron lebih dari 1×24 jam/);
    assert.match(rows['pkm-test/kiosk-1'].text, /25 jam lalu/);
    const order = await page.$$eval('#kiosks-table tbody tr', (trs) => trs.map((tr) => tr.dataset.kiosk));
    assert.equal(order[0], 'pkm-test/kiosk-1');
    await page.screenshot({path: join(shots, 'dashboard-kiosks.png')});
    // Later rounds mail nothing more about the same silence.
    await sleep(2500);
    assert.equal(mails().filter((m) => m.includes('Kios ini belum sinkron')).length, 1);
  });
});

