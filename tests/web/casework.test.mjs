// The casework tools of issue 15 (items 7, 8 and 10) in a real browser
// against the real stack, each as the role that uses it: the head writes,
// edits and retires canned answers; the officer picks one, edits it and
// saves the answer; another puskesmas sees none of them; the officer acts
// on several cases at once from the register (mark read, forward, assign,
// close) and sees what was refused and why; the register's filters are
// downloaded as CSV and XLSX, with contact details only for who may see
// them, and a patient's formula never runs. Screenshots go to
// $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
let browser, page;
const ids = {};
const FORMULA = '=HYPERLINK("http://contoh.invalid";"klik") obat tidak ada';

async function openCase(p, id) {
  await p.goto('about:blank');
  await p.goto(`${stack.url}/app/#/case/${id}`);
  await p.waitForSelector('#answer-form');
}

async function register(p, hash = '#/register') {
  await p.goto('about:blank');
  await p.goto(`${stack.url}/app/${hash}`);
  await p.waitForSelector('#register-table, .empty');
}

// A file the page downloads by a click, as text (latin1 keeps the bytes).
async function download(p, selector) {
  const [file] = await Promise.all([p.waitForEvent('download'), p.click(selector)]);
  return {name: file.suggestedFilename(), path: await file.path()};
}

// Applies the bulk bar's action and waits for its new outcome.
async function applyBulk(p) {
  await p.evaluate(() => document.querySelector('#bulk-outcome')?.remove());
  await p.click('#bulk-apply');
  // The outcome above the redrawn register, or a refusal of the whole request in the bar.
  await p.waitForSelector('#bulk-outcome, #bulk-result .message');
  return p.textContent('#bulk-outcome, #bulk-result');
}

const post = (p, path, body) => p.evaluate(async ([path, body]) => {
  const me = await (await fetch('/api/staff/me')).json();
  const r = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Kotak-CSRF': me.csrf}, body: JSON.stringify(body)});
  return {status: r.status, body: await r.json()};
}, [path, body]);

describe('canned answers, bulk actions and exports', () => {
  before(async () => {
    stack.setUp();
    stack.addManagers();
    stack.admin('user', 'add', '--username', 'ratna', '--name', 'Ratna Kepala Lain', '--facility', 'pkm-lain', '--role', 'kepala', '--password-file', join(stack.dir, 'password'));
    await stack.start();
    stack.writeComplaint('Antrean pendaftaran sangat lama pagi ini.', 'anonim', 'unit=pendaftaran');
    stack.writeComplaint('Toilet di ruang tunggu kotor.', 'anonim');
    stack.writeComplaint('Obat batuk anak habis di apotek.', 'named', 'unit=apotek');
    stack.writeComplaint(FORMULA, 'anonim');
    stack.writeComplaint('Petugas loket meminta uang tambahan.', 'rahasia');
    assert.equal((await stack.syncLog()).code, 0);
    browser = await openBrowser({viewport: {width: 1366, height: 768}});
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('the head writes, edits and retires canned answers', async () => {
    await stack.logIn(page, 'kartini');
    assert.equal(await page.isVisible('#nav-canned'), true);
    await page.click('#nav-canned');
    await page.waitForSelector('#canned-form');
    const add = async (title, text) => {
      await page.fill('#canned-form input[name=title]', title);
      await page.fill('#canned-form textarea[name=text]', text);
      await page.click('#canned-form button[type=submit]');
      await page.waitForFunction((title) => document.querySelector('#canned-status')?.textContent.includes(title), title);
    };
    await add('Antrean panjang', 'Terima kasih atas masukannya. Mulai minggu ini loket pendaftaran dibuka pukul 07.00 dan ditambah satu petugas pada jam sibuk.');
    await add('Obat kosong', 'Terima kasih. Obat yang Anda sebut sedang kami pesan ulang; sementara itu apotek menyiapkan pengganti yang setara.');
    await add('Kebersihan', 'Terima kasih. Jadwal pembersihan toilet kami ubah menjadi setiap dua jam.');
    // Edit one: the form takes its words, the list shows the change.
    await page.click('#canned-table tr:has-text("Kebersihan") button[data-action=edit]');
    assert.equal(await page.inputValue('#canned-form input[name=title]'), 'Kebersihan');
    await page.fill('#canned-form input[name=title]', 'Kebersihan toilet');
    await page.click('#canned-form button[type=submit]');
    await page.waitForSelector('#canned-table tr:has-text("Kebersihan toilet")');
    await page.click('#canned-table tr:has-text("Obat kosong") button[data-action=retire]');
    await page.waitForSelector('#canned-table tr.retired:has-text("Obat kosong")');
    assert.match(await page.textContent('#canned-status'), /dinonaktifkan/);
    assert.match(await page.textContent('#canned-count'), /2 aktif dari paling banyak 200/);
    await page.screenshot({path: join(shots, 'canned-answers.png'), fullPage: true});
  });

  it('the officer picks a canned answer, edits it and saves the answer', async () => {
    await stack.logIn(page, 'sari');
    assert.equal(await page.isVisible('#nav-canned'), false);
    ids.antrean = await stack.caseOf(page, 'Antrean pendaftaran');
    await openCase(page, ids.antrean);
    await page.waitForSelector('#canned-pick option:nth-child(2)', {state: 'attached'});
    const offered = await page.$$eval('#canned-pick option', (os) => os.map((o) => o.textContent));
    assert.deepEqual(offered.slice(1), ['Antrean panjang', 'Kebersihan toilet']);
    await page.selectOption('#canned-pick', {label: 'Antrean panjang'});
    const filled = await page.inputValue('#answer-form textarea[name=text]');
    assert.match(filled, /^Terima kasih atas masukannya\. Mulai minggu ini/);
    await page.fill('#answer-form textarea[name=text]', `Ibu/Bapak yth., ${filled}`);
    await page.screenshot({path: join(shots, 'case-canned.png'), fullPage: true});
    await page.click('#answer-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#answers')?.textContent.includes('Ibu/Bapak yth.'));
    assert.match(await page.textContent('#answers'), /Ibu\/Bapak yth\., Terima kasih atas masukannya/);
  });

  it('another puskesmas sees none of them and changes none', async () => {
    await stack.logIn(page, 'ratna');
    await page.goto(`${stack.url}/app/#/canned`);
    await page.waitForSelector('#canned-form');
    assert.match(await page.textContent('main'), /Belum ada jawaban siap pakai/);
    const theirs = await page.evaluate(async () => (await (await fetch('/api/staff/canned-answers?all=1')).json()).answers);
    assert.equal(theirs.length, 0);
    for (const action of ['edit', 'retire', 'restore']) {
      const r = await post(page, `/api/staff/canned-answers/1/${action}`, {title: 'diambil', text: 'diambil'});
      assert.equal(r.status, 404, `${action} of another puskesmas' answer`);
    }
    await stack.logIn(page, 'budi');
    assert.equal((await page.evaluate(async () => (await (await fetch('/api/staff/canned-answers')).json()).answers)).length, 0);
    // The officer writes none, on the page or by a script.
    await stack.logIn(page, 'sari');
    const refused = await post(page, '/api/staff/canned-answers', {title: 'x', text: 'y'});
    assert.equal(refused.status, 403);
    assert.match(refused.body.error, /Hanya kepala puskesmas/);
  });

  it('the officer marks several cases read and sees what was refused and why', async () => {
    await stack.logIn(page, 'sari');
    await register(page);
    // The answered case (above) cannot be "read" any more: refused, the rest done.
    await page.check('#bulk-all');
    assert.match(await page.textContent('#bulk-count'), /5 dipilih/);
    await page.uncheck(`input.bulk-pick[value="${await stack.caseOf(page, 'Toilet di ruang')}"]`);
    assert.equal(await page.$eval('#bulk-all', (b) => b.indeterminate), true);
    await page.selectOption('#bulk-action', 'read');
    await page.fill('#bulk-note', 'dibaca saat apel pagi');
    assert.match(await applyBulk(page), /3 masukan diproses, 1 ditolak/);
    const refusal = await page.textContent(`#bulk-outcome li[data-case="${ids.antrean}"]`);
    assert.match(refusal, /Status tidak dapat diubah dari Ditanggapi ke Diverifikasi/);
    await page.screenshot({path: join(shots, 'register-bulk.png')});
    const statuses = await page.evaluate(async () => Object.fromEntries(
      (await (await fetch('/api/staff/cases')).json()).cases.map((c) => [c.content.slice(0, 12), c.status])));
    assert.equal(statuses['Toilet di ru'], 'baru');
    assert.equal(statuses['Obat batuk a'], 'diverifikasi');
    // As if done on the case page: its history has the line, by Sari.
    await openCase(page, await stack.caseOf(page, 'Obat batuk anak'));
    assert.match(await page.textContent('#history'), /Sari Wulandari/);
    assert.match(await page.textContent('#history'), /dibaca saat apel pagi/);
  });

  it('forward, assign and close several at once', async () => {
    await stack.logIn(page, 'sari');
    const toilet = await stack.caseOf(page, 'Toilet di ruang');
    const obat = await stack.caseOf(page, 'Obat batuk anak');
    await register(page);
    const pick = async (...cases) => { for (const id of cases) await page.check(`input.bulk-pick[value="${id}"]`); };
    await pick(toilet, obat);
    await page.selectOption('#bulk-action', 'forward');
    assert.equal(await page.isVisible('#bulk-unit'), true);
    await page.selectOption('#bulk-unit', 'apotek');
    assert.match(await applyBulk(page), /2 masukan diproses, 0 ditolak/);
    await pick(toilet, obat);
    await page.selectOption('#bulk-action', 'assign');
    await page.selectOption('#bulk-owner', 'dewi');
    assert.match(await applyBulk(page), /2 masukan diproses, 0 ditolak/);
    const owners = await page.$$eval('#register-table tbody tr', (trs) =>
      Object.fromEntries(trs.map((tr) => [tr.dataset.case, tr.querySelector('td.owner').textContent])));
    assert.equal(owners[toilet], 'Dewi Lestari');
    assert.equal(owners[obat], 'Dewi Lestari');
    // Close as bukan wewenang: a forwarded case may not go there, the others do.
    const formula = await stack.caseOf(page, 'HYPERLINK');
    await pick(formula, toilet);
    await page.selectOption('#bulk-action', 'close');
    assert.match(await applyBulk(page), /1 masukan diproses, 1 ditolak/);
    assert.match(await page.textContent(`#bulk-outcome li[data-case="${toilet}"]`), /Diteruskan ke unit ke Bukan wewenang/);
    // The district reads the register but acts on nothing.
    await stack.logIn(page, 'dinkes');
    await register(page);
    assert.equal(await page.$('#bulk-bar'), null);
  });

  it('the officer downloads the filtered register as CSV and XLSX - formulas stay text', async () => {
    await stack.logIn(page, 'sari');
    await register(page, '#/register?q=Obat%20batuk');
    await page.screenshot({path: join(shots, 'register-export.png')});
    const csv = await download(page, '#export-csv');
    assert.equal(csv.name, 'register-pkm-test.csv');
    const text = readFileSync(csv.path, 'utf8');
    assert.ok(text.startsWith('\ufeffNomor register;Diterima;Saluran;Unit;Jenis;'));
    const lines = text.trim().split('\r\n');
    assert.equal(lines.length, 2, 'the header and the one case found (the filter holds)');
    assert.match(lines[1], /Obat batuk anak habis di apotek\./);
    assert.doesNotMatch(text, /Ibu Sari/);

    await register(page, '#/register?sort=oldest');
    const all = readFileSync((await download(page, '#export-csv')).path, 'utf8');
    assert.match(all, /;"'=HYPERLINK\(""http:\/\/contoh\.invalid"";""klik""\) obat tidak ada";/);
    const xlsx = await download(page, '#export-xlsx');
    assert.equal(xlsx.name, 'register-pkm-test.xlsx');
    assert.equal(readFileSync(xlsx.path).subarray(0, 2).toString(), 'PK');
    const sheet = execFileSync('unzip', ['-p', xlsx.path, 'xl/worksheets/sheet1.xml'], {encoding: 'utf8'});
    assert.match(sheet, /=HYPERLINK\((&quot;|")http:\/\/contoh\.invalid(&quot;|");(&quot;|")klik(&quot;|")\) obat tidak ada/);
    assert.doesNotMatch(sheet, /<f>/, 'no formula cell');
    assert.match(sheet, /Petugas loket meminta uang tambahan/, 'the puskesmas reads its rahasia text');
  });

  it('contact details only for who may see them, with a reason on record', async () => {
    await stack.logIn(page, 'sari');
    await register(page);
    await page.click('#export-identity-box summary');
    await page.check('#export-identity');
    await page.click('#export-csv');
    assert.match(await page.textContent('#export-status'), /Tulis alasan/);
    await page.fill('#export-reason', 'menelepon balik pelapor');
    const text = readFileSync((await download(page, '#export-csv')).path, 'utf8');
    assert.match(text.split('\r\n')[0], /;Nama;Telepon;Alamat$/);
    assert.match(text, /Ibu Sari <b>Wulandari<\/b>;0812 3456 7890;Jl\. Melati 3, Klaten/);
    assert.equal(text.match(/Ibu Sari/g).length, 1, 'the rahasia case\'s identity is not exported');
    await page.screenshot({path: join(shots, 'register-export-identity.png')});
    await openCase(page, await stack.caseOf(page, 'Obat batuk anak'));
    assert.match(await page.textContent('#history'), /menelepon balik pelapor/);

    // Tim Mutu exports without contact details, and may not ask for them.
    await stack.logIn(page, 'dewi');
    await register(page);
    assert.equal(await page.$('#export-identity-box'), null);
    const denied = await page.evaluate(async () => (await fetch('/api/staff/cases.csv?identity=1&reason=x')).status);
    assert.equal(denied, 403);
    // The district: every register, never a rahasia text.
    await stack.logIn(page, 'dinkes');
    await register(page);
    await page.selectOption('#facility-select', 'pkm-test');
    await page.waitForFunction(() => document.querySelector('#case-count')?.textContent.includes('5'));
    const district = readFileSync((await download(page, '#export-csv')).path, 'utf8');
    assert.doesNotMatch(district, /uang tambahan/);
    assert.match(district, /Rahasia: isi hanya dibaca puskesmas/);
  });
});
