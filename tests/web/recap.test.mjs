// The monthly recap as the officer and the quality team use it (issue 15
// item 11, issue 13): it opens on the last complete month by the browser's
// own clock (CI moves that clock 400 days on); the figures come first and
// the month's cases page on 50 at a time; printed, it ends with the head of
// the puskesmas' signature block, which says where to set the name and NIP
// while they are missing. A screenshot of the print view goes to
// $KOTAK_SCREENSHOTS (docs/dashboard-recap-print.png).
import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});
const CASES = 57;  // more than one page of 50

const stack = new Stack();
let browser, page, lastMonth;

// Calls the staff API from the page, with its session and CSRF token.
const call = (p, method, path, body) => p.evaluate(async ([m, url, b]) => {
  const {api} = await import('/app/js/api.js');
  return m === 'POST' ? api.post(url, b) : api.get(url);
}, [method, path, body]);

async function printView(p) {
  await p.setViewportSize({width: 794, height: 1123});  // A4 at 96 dpi
  await p.emulateMedia({media: 'print'});
  await p.goto(`${stack.url}/app/#/recap`);
  await p.waitForSelector('#recap-sign');
  await p.waitForFunction(() => !/Memuat/.test(document.querySelector('#recap-shown')?.textContent || 'Memuat'));
}

describe('the monthly recap', () => {
  before(async () => {
    stack.setUp();
    stack.addManagers();
    await stack.start();
    browser = await openBrowser();
    page = await browser.newPage();
    await stack.logIn(page, 'sari');
    // The last complete month by the browser's clock, and cases in it.
    lastMonth = await page.evaluate(() => {
      const d = new Date();
      const last = new Date(d.getFullYear(), d.getMonth() - 1, 1);
      return `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}`;
    });
    for (let i = 0; i < CASES; i++) {
      const day = String(2 + (i % 26)).padStart(2, '0');
      const minute = String(i % 60).padStart(2, '0');
      await call(page, 'POST', '/api/staff/cases', {channel: i % 3 ? 'sms_wa' : 'email',
        received_at: `${lastMonth}-${day}T09:${minute}:00.000+07:00`, type: i % 2 ? 'keluhan' : 'saran',
        unit: 'apotek', identity_mode: 'anonim', content: `Masukan bulan lalu nomor ${i + 1}`});
    }
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('opens on the last complete month with its figures, then pages through its cases', async () => {
    await page.goto(`${stack.url}/app/#/recap`);
    await page.waitForSelector('#recap-stats');
    assert.equal(await page.inputValue('form.filters input[name=month]'), lastMonth);
    assert.equal(await page.textContent('#stat-cases strong'), String(CASES));
    await page.waitForSelector('#recap-more:not([hidden])');
    assert.equal(await page.$$eval('#recap-list tbody tr', (rows) => rows.length), 50);
    assert.match(await page.textContent('#recap-shown'), new RegExp(`50 dari ${CASES}`));
    await page.click('#recap-more');
    await page.waitForSelector('#recap-more[hidden]', {state: 'attached'});
    const labels = await page.$$eval('#recap-list tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
    assert.equal(labels.length, CASES);
    assert.equal(new Set(labels).size, CASES);  // each case once
    assert.match(await page.textContent('#recap-shown'), new RegExp(`Semua ${CASES} masukan`));
    // Another month by the picker: this one holds none of them.
    const now = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`; });
    await page.goto(`${stack.url}/app/#/recap?month=${now}`);
    await page.waitForFunction(() => /Semua 0/.test(document.querySelector('#recap-shown')?.textContent || ''));
    assert.equal(await page.textContent('#stat-cases strong'), '0');
  });

  it('says where to set the head\'s name and NIP while they are missing', async () => {
    const print = await browser.newPage();
    await printView(print);
    assert.equal(await print.isVisible('#topbar'), false);
    assert.equal(await print.isVisible('#recap-sign-missing'), true);
    assert.match(await print.textContent('#recap-sign-missing'), /belum diisi.*Laporan SKM/);
    await print.close();
  });

  it('prints with the signature block of the head of the puskesmas', async () => {
    await stack.logIn(page, 'dewi');  // mutu sets the letterhead
    await call(page, 'POST', '/api/staff/skm/letterhead', {government: 'PEMERINTAH KABUPATEN KLATEN', name: 'UPT Puskesmas Uji',
      address: 'Jl. Pemuda No. 1, Klaten', contact: '', place: 'Klaten', head_name: 'dr. Ratna Sari',
      head_nip: '197801012006042001', mutu_name: 'Dewi Lestari', mutu_nip: ''});
    const print = await browser.newPage();
    await printView(print);
    assert.equal(await print.isVisible('#recap-sign'), true);
    assert.equal(await print.$('#recap-sign-missing'), null);
    const sign = (await print.textContent('#recap-sign')).replace(/\s+/g, ' ');
    assert.match(sign, /^Klaten, \d{1,2} \S+ \d{4}/);
    assert.match(sign, /Mengetahui, ?Kepala Puskesmas Uji/);
    assert.match(sign, /dr\. Ratna Sari ?NIP 197801012006042001/);
    // The block comes after everything else on the page.
    assert.equal(await print.evaluate(() => document.querySelector('#recap-sign') === document.querySelector('main').lastElementChild), true);
    await print.screenshot({path: join(shots, 'recap-signed-print.png'), fullPage: true});
    await print.close();
  });
});
