// Passing a case on through SP4N-LAPOR! (issue 15 item 9) in a real browser
// against the real stack: the officer finds a named complaint is the
// Dinas' business, closes it as bukan wewenang, prepares the package with
// the reporter's name, reads and prints the covering letter under the
// facility's letterhead, downloads the fields as CSV and records LAPOR!'s
// tracking ID; the quality team's member sees the package without the
// reporter. One stack, one browser. Screenshots go to $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
let browser, page, id;

async function post(p, path, body) {
  return p.evaluate(async ([path, body]) => {
    const me = await (await fetch('/api/staff/me')).json();
    const r = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Kotak-CSRF': me.csrf}, body: JSON.stringify(body)});
    return r.status;
  }, [path, body]);
}

async function openCase(p) {
  await p.goto('about:blank');
  await p.goto(`${stack.url}/app/#/case/${id}`);
  await p.waitForSelector('#escalation');
}

describe('passing a case on through SP4N-LAPOR!', () => {
  before(async () => {
    stack.setUp();
    stack.addManagers();
    await stack.start();
    stack.writeComplaint('Jalan menuju puskesmas berlubang dan lampu jalan mati sejak sebulan.', 'named');
    assert.equal((await stack.syncLog()).code, 0);
    browser = await openBrowser({viewport: {width: 1366, height: 900}, acceptDownloads: true});
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('the officer closes it as bukan wewenang and prepares the package with the reporter', async () => {
    await stack.logIn(page, 'kartini');
    assert.equal(await post(page, '/api/staff/skm/letterhead', {government: 'PEMERINTAH KABUPATEN KLATEN\nDINAS KESEHATAN',
      name: 'UPT Puskesmas Uji', address: 'Jl. Pemuda 1, Klaten', contact: 'Telp. (0272) 321000', place: 'Klaten',
      head_name: 'dr. Kartini Rahayu', head_nip: '19800101 200501 2 001', mutu_name: 'Dewi Lestari', mutu_nip: '19850202 201001 2 002'}), 200);
    await stack.logIn(page, 'sari');
    id = await stack.caseOf(page, 'Jalan menuju puskesmas');
    await openCase(page);
    await page.selectOption('#status-form select[name=to]', 'bukan_wewenang');
    await page.click('#status-form button[type=submit]');
    await page.waitForSelector('.head-badges .status-bukan_wewenang');
    // The type of the case picks LAPOR!'s classification: a keluhan is a pengaduan.
    assert.equal(await page.inputValue('#escalate-form select[name=classification]'), 'pengaduan');
    await page.fill('#escalate-form input[name=agency]', 'Dinas Pekerjaan Umum Kabupaten Klaten');
    await page.fill('#escalate-form input[name=category]', 'Infrastruktur');
    await page.fill('#escalate-form input[name=title]', 'Jalan berlubang dan lampu mati menuju puskesmas');
    await page.check('#escalate-form input[name=with_identity]');
    await page.click('#escalate-form button[type=submit]');
    await page.waitForSelector('#escalation li.escalation[data-n="1"]');
    assert.match(await page.textContent('#escalation'), /#1 ke Dinas Pekerjaan Umum Kabupaten Klaten/);
    assert.match(await page.textContent('#history'), /Diteruskan ke Dinas Pekerjaan Umum Kabupaten Klaten lewat SP4N-LAPOR! \(#1\)/);
    // The card alone, for the docs (the sticky bar stays at the top of the page).
    await page.evaluate(() => { document.getElementById('topbar').style.position = 'static'; });
    await page.locator('#escalation').screenshot({path: join(shots, 'case-lapor.png')});
  });

  it('the covering letter carries LAPOR!\'s fields under the letterhead, signed by the head', async () => {
    await page.click('#lapor-letter-1');
    await page.waitForSelector('#lapor-letter');
    const letter = await page.textContent('#lapor-letter');
    assert.match(letter, /UPT Puskesmas Uji/i);
    assert.match(letter, /Kepada Yth\.\s*Dinas Pekerjaan Umum Kabupaten Klaten/);
    assert.match(letter, /Penerusan pengaduan masyarakat/);
    assert.match(letter, /Jalan menuju puskesmas berlubang/);
    assert.match(letter, /Klasifikasi laporanPengaduan/);
    assert.match(letter, /Nama pelapor/);  // chosen, and the petugas may see it
    assert.match(letter, /Ibu Sari <b>Wulandari<\/b>/);  // shown as text, never markup
    assert.match(letter, /dr\. Kartini Rahayu/);
    assert.match(letter, /NIP 19800101 200501 2 001/);
    await page.screenshot({path: join(shots, 'lapor-letter.png'), fullPage: true});
    await page.emulateMedia({media: 'print'});
    await page.screenshot({path: join(shots, 'lapor-letter-print.png'), fullPage: true});
    assert.equal(await page.isVisible('#lapor-print'), false);  // the button does not print
    await page.emulateMedia({media: 'screen'});
  });

  it('downloads the fields as CSV and records the tracking ID LAPOR! gave', async () => {
    await openCase(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#lapor-csv-1')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, /Klasifikasi laporan;Pengaduan/);
    assert.match(csv, /Instansi tujuan;Dinas Pekerjaan Umum Kabupaten Klaten/);
    assert.match(csv, /Telepon pelapor;0812 3456 7890/);
    await page.fill('#tracking-1 input[name=tracking_id]', 'LAPOR-5550123');
    await page.click('#tracking-1 button[type=submit]');
    await page.waitForFunction(() => /Nomor pelacakan LAPOR! untuk #1: LAPOR-5550123/.test(document.querySelector('#history')?.textContent || ''));
    assert.equal(await page.inputValue('#tracking-1 input[name=tracking_id]'), 'LAPOR-5550123');
    // Each download that carried contact details is on record with its reason.
    assert.match(await page.textContent('#history'), /Data pelapor dibuka — alasan: SP4N-LAPOR! #1/);
    await stack.logIn(page, 'kartini');
    const views = await page.evaluate(async () => (await (await fetch('/api/staff/identity-views')).json()).views);
    assert.ok(Array.isArray(views) && views.some((v) => v.reason === 'SP4N-LAPOR! #1'), JSON.stringify(views));
  });

  it('the quality team sees the package without the reporter, and is told why', async () => {
    await stack.logIn(page, 'dewi');
    await page.goto('about:blank');
    await page.goto(`${stack.url}/app/#/lapor/${id}?n=1`);
    await page.waitForSelector('#lapor-letter');
    const letter = await page.textContent('#lapor-letter');
    assert.doesNotMatch(letter, /Wulandari|0812/);
    assert.match(letter, /Data pelapor tidak disertakan/);
    assert.match(letter, /LAPOR-5550123/);
  });
});
