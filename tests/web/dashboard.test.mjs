// The staff dashboard as staff use it, in a real browser against the real
// stack (issue 5): log in; a kiosk complaint arrives through real sync and
// shows up without a reload; answer it; publish it; see it on the board page
// and in /api/v1/board; open the ticket page; a user of another facility is
// refused by URL and by API; hostile text stays text. Screenshots of the
// main pages at desktop and phone widths go to $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const HOSTILE = '<img src=x onerror=alert(1)> Antrean apotek lama sekali, ibu saya menunggu 3 jam.';
const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
let browser, page, ticketId, caseId;
const dialogs = [];

async function shoot(p, name) {
  await p.screenshot({path: join(shots, `${name}.png`), fullPage: true});
}

const login = (p, username) => stack.logIn(p, username);

describe('the staff dashboard', () => {
  before(async () => {
    stack.setUp();
    await stack.start();
    // Some history first: faces and complaints, so pages are not empty.
    stack.fillKiosk(24);
    stack.writeComplaint('Ruang tunggu poli umum panas sekali, kipas angin rusak sejak minggu lalu.', 'unit=poli-umum', 'face=2');
    stack.writeComplaint('Petugas pendaftaran ramah, tetapi nomor antrean tidak dipanggil berurutan.', 'unit=pendaftaran', 'face=3');
    stack.sync();
    browser = await openBrowser();
    page = await browser.newPage();
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('refuses a wrong password and lets the officer in', async () => {
    await page.goto(`${stack.url}/app/`);
    await page.waitForSelector('#login-form');
    await shoot(page, 'login');
    await page.fill('input[name=username]', 'sari');
    await page.fill('input[name=password]', 'salah-sekali');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('.message.error');
    await login(page, 'sari');
    await page.waitForSelector('#register-table');
    assert.match(await page.textContent('#user-name'), /Sari Wulandari/);
  });

  it('shows a kiosk complaint arriving through real sync without a reload', async () => {
    await page.waitForSelector('body[data-alerts-from]');
    ticketId = stack.writeComplaint(HOSTILE, 'urgent', 'named', 'unit=apotek', 'face=1');
    const synced = await stack.syncLog();
    assert.equal(synced.code, 0, synced.err);
    // The dashboard polls every 15 s; the alert and the refreshed list come by themselves.
    const alert = await page.waitForSelector('.alert', {timeout: 25000});
    assert.match(await alert.textContent(), /Antrean apotek lama sekali/);
    caseId = await alert.getAttribute('data-case');
    const row = await page.waitForSelector(`#register-table tr.alarming[data-case="${caseId}"]`);
    assert.match(await row.textContent(), /<img src=x onerror=alert\(1\)>/);
    await shoot(page, 'register');
  });

  it('keeps hostile text as text', async () => {
    await page.click(`.alert[data-case="${caseId}"] a`);
    await page.waitForSelector('#case-content');
    assert.equal(await page.textContent('#case-content'), HOSTILE);
    assert.equal(await page.$$eval('#case-content img, #register-table img, .alert img', (els) => els.length), 0);
    assert.deepEqual(dialogs, []);
  });

  it('shows contact details on request and logs the look', async () => {
    await page.click('#show-identity');
    await page.waitForSelector('#identity dl');
    // The name itself holds markup; it too stays text.
    assert.match(await page.textContent('#identity'), /Ibu Sari <b>Wulandari<\/b>/);
    await page.reload();
    await page.waitForSelector('#history');
    assert.match(await page.textContent('#history'), /Data pelapor dibuka/);
  });

  it('records an answer, which moves the case to ditanggapi', async () => {
    await page.selectOption('#answer-form select[name=channel]', 'sms_wa');
    await page.fill('#answer-form textarea[name=text]', 'Mohon maaf. Mulai Senin loket apotek kedua dibuka pukul 07.30.');
    await page.click('#answer-form button[type=submit]');
    await page.waitForSelector('.head-badges .status-ditanggapi');
    assert.match(await page.textContent('#answers'), /loket apotek kedua/);
    await shoot(page, 'case');
  });

  it('flags a complaint from a kiosk whose clock runs ahead, counted on arrival', async () => {
    stack.writeComplaint('Jam di kios ini sepertinya salah.', 'unit=poli-umum', 'ahead=3');
    assert.equal((await stack.syncLog()).code, 0);
    const found = await page.evaluate(async () =>
      (await (await fetch('/api/staff/cases?q=' + encodeURIComponent('Jam di kios'))).json()).cases);
    assert.equal(found.length, 1);
    assert.equal(found[0].clock_suspect, true);
    assert.ok(found[0].received_ms <= Date.now(), 'counted by its arrival, not three days ahead');
    assert.ok(found[0].claimed_ms > Date.now() + 2 * 24 * 3600 * 1000);
    await page.goto(`${stack.url}/app/#/case/${found[0].id}`);
    await page.waitForSelector('#clock-suspect');
    assert.match(await page.textContent('#clock-suspect'), /lebih dari sehari di depan jam server/);
    await shoot(page, 'case-clock-suspect');
    await page.goto(`${stack.url}/app/#/case/${caseId}`);
    await page.waitForSelector('#case-content');
  });

  it('marks a complaint whose kiosk clock was not synchronised, with no offset known', async () => {
    // Saved in a boot no sync run ever measured: its time stays uncertain.
    stack.writeComplaint('Jam kios mati lampu kemarin.', 'unit=poli-umum', 'behind=20', 'unsynced=0badb007-0000-4000-8000-000000000000');
    assert.equal((await stack.syncLog()).code, 0);
    await page.goto(`${stack.url}/app/#/register`);
    await page.waitForSelector('#register-table .flag.clock');
    assert.equal(await page.textContent('#register-table .flag.clock'), 'Waktu tidak pasti');
    await shoot(page, 'register-time-uncertain');
    const found = await page.evaluate(async () =>
      (await (await fetch('/api/staff/cases?q=' + encodeURIComponent('mati lampu'))).json()).cases);
    assert.equal(found.length, 1);
    assert.equal(found[0].clock, 'uncertain');
    await page.goto(`${stack.url}/app/#/case/${found[0].id}`);
    await page.waitForSelector('#time-uncertain');
    assert.match(await page.textContent('#time-uncertain'), /belum tersinkron/);
    await page.goto(`${stack.url}/app/#/case/${caseId}`);
    await page.waitForSelector('#case-content');
  });

  it('publishes it on the board, the printable page and the kiosk API', async () => {
    await page.fill('#publish-form textarea[name=summary]', 'Antrean di apotek terlalu lama.');
    await page.fill('#publish-form textarea[name=answer]', 'Loket apotek kedua dibuka setiap pagi mulai pukul 07.30.');
    await page.click('#publish-form button[type=submit]');
    await page.waitForSelector('#unpublish');
    await page.goto(`${stack.url}/app/#/board`);
    await page.waitForSelector('.board-item');
    assert.match(await page.textContent('.board-list'), /Loket apotek kedua/);
    await shoot(page, 'board');

    const papan = await browser.newPage();
    await papan.goto(`${stack.url}/papan/pkm-test`);
    await papan.waitForSelector('.papan-item');
    const text = await papan.textContent('#papan');
    assert.match(text, /Antrean di apotek terlalu lama/);
    assert.doesNotMatch(text, /Sari|0812|onerror/);
    await shoot(papan, 'papan-a4');
    await papan.pdf({path: join(shots, 'papan-a4.pdf'), format: 'A4'});
    await papan.close();

    const response = await fetch(`${stack.url}/api/v1/board`, {headers: {Authorization: `Bearer ${stack.deviceToken()}`}});
    assert.equal(response.status, 200);
    const board = await response.json();
    assert.equal(board.items.length, 1);
    assert.equal(board.items[0].summary, 'Antrean di apotek terlalu lama.');
    assert.equal(board.items[0].unit, 'apotek');
    assert.doesNotMatch(JSON.stringify(board), /Sari|0812|onerror/);
    const pulled = await stack.syncLog();
    assert.match(pulled.err, /board updated \(1 items\)/);
  });

  it('opens the public ticket page with status and public answer only', async () => {
    const ticket = await browser.newPage();
    await ticket.goto(`${stack.url}/t/${ticketId}`);
    await ticket.waitForSelector('#ticket-status');
    assert.match(await ticket.textContent('#ticket-status'), /Ditanggapi/);
    assert.match(await ticket.textContent('#ticket-answer'), /Loket apotek kedua dibuka/);
    const all = await ticket.textContent('body');
    assert.doesNotMatch(all, /Antrean apotek lama sekali|Sari|0812|apotek kedua dibuka pukul 07\.30\. Mohon/);
    await shoot(ticket, 'ticket');
    // The code on the page is the one the kiosk printed, and it leads back
    // to the same page however the patient types it.
    const code = await ticket.textContent('#ticket-code');
    assert.match(code, /^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    await ticket.goto(`${stack.url}/t/${code.toLowerCase()}`);
    await ticket.waitForSelector('#ticket-status');
    assert.equal(await ticket.textContent('#ticket-code'), code);
    assert.match(await ticket.textContent('#ticket-answer'), /Loket apotek kedua dibuka/);
    await ticket.goto(`${stack.url}/t/00000000-0000-4000-8000-000000000000`);
    await ticket.waitForSelector('#ticket-missing');
    await ticket.close();
  });

  it('shows the monthly recap', async () => {
    // This month's, where the complaints above are (the page opens on the
    // last complete month: recap.test.mjs).
    const month = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`; });
    await page.goto(`${stack.url}/app/#/recap?month=${month}`);
    await page.waitForSelector('#recap-stats');
    assert.match(await page.textContent('#stat-answered'), /1/);
    await shoot(page, 'recap');
    // What the printer gets: the print style at the width of A4 (794 px at 96 dpi).
    const print = await browser.newPage();
    await print.setViewportSize({width: 794, height: 1123});
    await print.emulateMedia({media: 'print'});
    await print.goto(`${stack.url}/app/#/recap?month=${month}`);
    await print.waitForSelector('#recap-stats');
    assert.equal(await print.isVisible('#topbar'), false);
    await shoot(print, 'recap-print');
    await print.pdf({path: join(shots, 'recap-a4.pdf'), format: 'A4'});
    await print.close();
    const csv = await page.evaluate(async (href) => {
      const r = await fetch(href);
      return {type: r.headers.get('content-type'), bytes: Array.from(new Uint8Array(await r.arrayBuffer()).slice(0, 3))};
    }, await page.getAttribute('#recap-csv', 'href'));
    assert.match(csv.type, /text\/csv/);
    assert.deepEqual(csv.bytes, [0xef, 0xbb, 0xbf]);
  });

  it('records feedback from another channel', async () => {
    await page.goto(`${stack.url}/app/#/new`);
    await page.waitForSelector('#new-case-form');
    assert.equal(await page.isVisible('#new-case-form fieldset'), false);  // anonymous: no contact fields
    await page.selectOption('#new-case-form select[name=channel]', 'telepon');
    await page.selectOption('#new-case-form select[name=unit]', 'kia');
    await page.fill('#new-case-form textarea[name=content]', 'Penelepon bertanya jadwal imunisasi bayi bulan depan.');
    await page.selectOption('#new-case-form select[name=type]', 'pertanyaan');
    await page.selectOption('#new-case-form select[name=identity_mode]', 'named');
    await page.fill('#new-case-form input[name=name]', 'Bapak Joko');
    await page.fill('#new-case-form input[name=phone]', '0813 1111 2222');
    await shoot(page, 'new-case');
    await page.click('#new-case-form button[type=submit]');
    await page.waitForSelector('#case-content');
    assert.equal(await page.textContent('#case-content'), 'Penelepon bertanya jadwal imunisasi bayi bulan depan.');
    assert.match(await page.textContent('.details'), /Telepon/);
    assert.doesNotMatch(await page.textContent('main'), /0813 1111 2222/);  // only on request
  });

  it('fits a phone', async () => {
    const phone = await browser.newPage();
    await phone.setViewportSize({width: 390, height: 844});
    await phone.goto(`${stack.url}/app/#/register`);
    await phone.waitForSelector('#register-table');
    await shoot(phone, 'phone-register');
    await phone.goto(`${stack.url}/app/#/case/${caseId}`);
    await phone.waitForSelector('#case-content');
    await shoot(phone, 'phone-case');
    await phone.goto(`${stack.url}/t/${ticketId}`);
    await phone.waitForSelector('#ticket-status');
    await shoot(phone, 'phone-ticket');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the ticket page is ${overflow}px wider than the phone`);
    await phone.close();
  });

  it('refuses a user of another facility, by URL and by API', async () => {
    await page.click('#logout');
    await page.waitForSelector('#login-form');
    await login(page, 'budi');
    await page.goto(`${stack.url}/app/#/case/${caseId}`);
    await page.waitForSelector('#case-missing');
    assert.doesNotMatch(await page.textContent('main'), /Antrean apotek/);
    await shoot(page, 'other-facility');
    const answers = await page.evaluate(async (id) => {
      const get = async (path) => (await fetch(path)).status;
      return {
        one: await get(`/api/staff/cases/${id}`),
        list: await get('/api/staff/cases?facility=pkm-test'),
        recap: await get('/api/staff/recap?month=2026-11&facility=pkm-test'),
        board: await get('/api/staff/board?facility=pkm-test'),
      };
    }, caseId);
    assert.deepEqual(answers, {one: 404, list: 403, recap: 403, board: 403});
    // The refusal is said in the language the page asks for.
    const said = await page.evaluate(async () => {
      const ask = async (lang) => (await (await fetch('/api/staff/board?facility=pkm-test', {headers: {'X-Kotak-Lang': lang}})).json()).error;
      return {id: await ask('id'), en: await ask('en')};
    });
    assert.deepEqual(said, {id: 'Anda hanya dapat melihat data puskesmas Anda sendiri.', en: 'You can only see the data of your own puskesmas.'});
    const own = await page.evaluate(async () => (await (await fetch('/api/staff/cases')).json()).total);
    assert.equal(own, 0);
  });

  it('switches to English', async () => {
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.textContent('#nav'), /Monthly recap/);
  });
});
