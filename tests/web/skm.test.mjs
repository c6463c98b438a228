// The SKM report page as the quality team uses it, in a real browser against
// the real stack (issue 6): kiosk surveys arrive through real sync; the
// report shows the index computed by hand; the population gives the minimum
// sample; a bad CSV is refused line by line and imports nothing; a good one
// (Indonesian Excel: ';' and a byte order mark) changes the index; the same
// file again is refused; the follow-up plan is saved and printed; the print
// style at A4 width leaves the frame and the forms off. Screenshots go to
// $KOTAK_SCREENSHOTS (skm, skm-print, skm-a4.pdf, skm-empty).
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, readdirSync, rmSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

// Every program of the stack counts days as the puskesmas does (WIB), like the
// browser, so that "today" and "this semester" are the same everywhere.
process.env.TZ = 'Asia/Jakarta';

// No fixed dates: the report is of the current semester and the trend of the
// two before it, whatever today is (CI also runs this with the clock moved).
const pad = (n) => String(n).padStart(2, '0');
const today = new Date();
const semesterBack = (n) => {
  const k = today.getFullYear() * 2 + (today.getMonth() < 6 ? 0 : 1) - n;
  return {year: Math.floor(k / 2), half: (k % 2) + 1};
};
const CURRENT = semesterBack(0), EARLIER = semesterBack(1), EARLIEST = semesterBack(2), EMPTY = semesterBack(3);
const key = (s) => `${s.year}-${s.half}`;
const inSemester = (s, day) => `${s.year}-${s.half === 1 ? '02' : '08'}-${day}`;
const todayDmy = `${pad(today.getDate())}/${pad(today.getMonth() + 1)}/${today.getFullYear()}`;
const todayIso = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
let browser, page;

const login = (p, username) => stack.logIn(p, username);

async function showReport(p) {
  await p.goto(`${stack.url}/app/#/skm?semester=${key(CURRENT)}`);
  await p.waitForSelector('#skm-report');
}

const text = async (selector) => (await page.innerText(selector)).replace(/\s+/g, ' ');
const noNaN = async () => assert.doesNotMatch(await page.innerText('main'), /\bNaN\b|undefined/);

// Two paper questionnaires from the SKM web site's export, as Indonesian
// Excel saves them. With the six kiosk surveys (U1..U9 = 3 3 2 4 3 3 4 - 2):
//   U1 (18+4+2)/8 = 3.0    U2 (18+4+3)/8 = 3.125  U3 (12+4+3)/8 = 2.375
//   U4 (24+4+3)/8 = 3.875  U5 3.125  U6 3.125  U7 (24+4+3)/8 = 3.875
//   U8 (4+2)/2 = 3.0       U9 (12+4+3)/8 = 2.375
//   Σ = 27.875 → IKM 3.0972 → NIK 77.43 → B.
// Dated today (day/month/year, as Indonesian Excel writes it).
const GOOD = '\ufeffNo;Tanggal;Unit;U1;U2;U3;U4;U5;U6;U7;U8;U9;Jenis_Kelamin;Umur\r\n'
  + `1;${todayDmy};Poli Umum;4;4;4;4;4;4;4;4;4;L;45\r\n`
  + `2;${todayDmy};kia;2;3;3;3;3;3;3;2;3;P;\r\n`;
const NO_SUCH_DAY = `${today.getFullYear()}-02-30`;
const BAD = 'tanggal,unit,U1,U2,U3,U4,U5,U6,U7,U8,U9\n'
  + `${todayIso},poli-umum,4,4,4,4,4,4,4,4,4\n`
  + `${NO_SUCH_DAY},poli-umum,4,4,4,7,4,4,4,4,4\n`;

async function upload(name, content) {
  await page.setInputFiles('#skm-import-form input[type=file]', {name, mimeType: 'text/csv', buffer: Buffer.from(content)});
  await page.selectOption('#skm-import-form select[name=source]', 'web');
  await page.click('#skm-import-form button[type=submit]');
}

describe('the SKM report', () => {
  before(async () => {
    stack.setUp();
    await stack.start();
    stack.fillKiosk(24);  // every fourth is an SKM survey: six of them
    stack.sync();
    browser = await openBrowser();
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('shows the kiosk surveys computed by hand', async () => {
    await login(page, 'dewi');
    await page.click('#nav a[data-page=skm]');
    await page.waitForSelector('#skm-report');
    assert.equal(await page.inputValue('#skm-semester'), key(CURRENT));  // the current semester by default
    // Six answers of 3 3 2 4 3 3 4 - 2: U8 unanswered, IKM the mean of eight = 24/8 = 3.0 → 75.00 (C).
    assert.match(await text('#skm-respondents'), /6/);
    assert.match(await text('#skm-nik'), /75,00/);
    assert.match(await text('#skm-mutu'), /C.*Kurang baik/);
    assert.match(await text('#skm-missing'), /U8/);
    // The Permenpan table: U3 answered 2 by all six (counts 0/6/0/0), NRR 2,0000,
    // NRR tertimbang 2/8 = 0,25 (eight unsur answered), and the conversion table.
    assert.match(await text('#skm-elements tr[data-element=U3]'), /U3 Waktu penyelesaian 0 6 0 0 6 12 2,0000 0,2500/);
    assert.match(await text('#skm-elements tfoot'), /3,0000 75,00 C/);
    assert.match(await text('#skm-rounding'), /dibulatkan/i);
    assert.match(await text('#skm-intervals tr[data-mutu=C]'), /65,00 – 76,60/);
    assert.match(await text('#skm-respondents'), /populasi belum diisi/);
    await noNaN();
  });

  it('takes the population and shows the minimum sample', async () => {
    await page.fill('#skm-population-form input[name=population]', '100');
    await page.click('#skm-population-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#skm-minimum')?.textContent.trim() === '80');
    assert.match(await text('#skm-respondents'), /sampel minimum 80.*kurang 74 responden/);
  });

  it('refuses a bad CSV line by line and imports nothing', async () => {
    await upload('salah.csv', BAD);
    await page.waitForSelector('#skm-import-problems');
    const problems = await text('#skm-import-problems');
    assert.match(problems, new RegExp(`Baris 3: Tanggal "${NO_SUCH_DAY}" tidak terbaca`));
    assert.match(problems, /U4: "7" bukan nilai/);
    assert.match(await text('#skm-import-result'), /salah\.csv: tidak ada yang diimpor: 1 baris/);
    await showReport(page);
    assert.match(await text('#skm-respondents'), /^\D*6/);
  });

  it('imports a CSV from Indonesian Excel and counts it like kiosk answers', async () => {
    await upload('skm-web-november.csv', GOOD);
    await page.waitForSelector('#skm-import-result .message.info');
    assert.match(await text('#skm-import-result'), /2 jawaban SKM diimpor/);
    assert.match(await text('#skm-import-result'), /"No" tidak dikenal/);
    assert.match(await text('#skm-respondents'), /8/);
    assert.match(await text('#skm-nik'), /77,43/);
    assert.match(await text('#skm-mutu'), /B.*Baik/);
    assert.match(await text('#skm-sources'), /Kios 6.*Kuesioner kertas 0.*Situs SKM 2/);
    assert.match(await text('#skm-imports'), /skm-web-november\.csv: 2 jawaban, oleh Dewi Lestari/);
    await upload('lagi.csv', GOOD);
    await page.waitForSelector('#skm-import-result .message.error');
    assert.match(await text('#skm-import-result'), /sudah pernah diimpor/);
    await showReport(page);
    assert.match(await text('#skm-respondents'), /^\D*8/);
  });

  it('draws the trend of earlier semesters', async () => {
    // Two semesters back: all 3s → 75.00 (C). One back: Σ NRR 29 → 80.56 (B).
    await upload('skm-lama.csv', 'tanggal,U1,U2,U3,U4,U5,U6,U7,U8,U9\n'
      + `${inSemester(EARLIEST, '10')},3,3,3,3,3,3,3,3,3\n${inSemester(EARLIEST, '20')},3,3,3,3,3,3,3,3,3\n`
      + `${inSemester(EARLIER, '10')},3,3,3,4,4,3,3,3,3\n`);
    await page.waitForSelector('#skm-import-result .message.info');
    assert.equal(await page.locator('#skm-trend-chart rect').count(), 3);
    const trend = await text('#skm-trend');
    const row = (s, rest) => new RegExp(`Smt ${s.half} ${s.year} ${rest}`);
    assert.match(trend, row(EARLIEST, '2 3,0000 75,00 C'));
    assert.match(trend, row(EARLIER, '1 3,2222 80,56 B'));
    assert.match(trend, row(CURRENT, '8 3,0972 77,43 B'));
    assert.match(await text('#skm-nik'), /77,43/);  // the semester itself is unchanged
  });

  it('keeps the RTL as rows and says what became of the previous semester\'s plan', async () => {
    // The plan of the semester before, then its status from this one.
    await page.goto(`${stack.url}/app/#/skm?semester=${key(EARLIER)}`);
    await page.waitForSelector('#skm-rtl-form');
    const row = page.locator('#skm-rtl-form tr.rtl-row').first();
    await row.locator('select[name=element]').selectOption('U9');
    await row.locator('input[name=activity]').fill('Perbaiki kipas ruang tunggu');
    await row.locator('input[name=time_frame]').fill('Juli 2026');
    await row.locator('input[name=person]').fill('Pengelola barang');
    await page.click('#skm-rtl-form button[type=submit]');
    await page.waitForSelector('#skm-rtl-table');
    assert.match(await text('#skm-rtl-table'), /U9 Sarana dan prasarana Perbaiki kipas ruang tunggu Juli 2026 Pengelola barang/);

    await showReport(page);
    assert.match(await text('#skm-previous'), /Perbaiki kipas ruang tunggu.*Belum dinilai/);
    await page.selectOption('#skm-previous-form tr[data-row="0"] select', 'selesai');
    await page.fill('#skm-previous-form tr[data-row="0"] input', 'Dua kipas baru sejak Agustus');
    await page.click('#skm-previous-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#skm-previous-table td.status')?.textContent === 'Selesai');
    assert.match(await text('#skm-previous-table'), /Selesai Dua kipas baru sejak Agustus/);
  });

  it('fills the letterhead with a logo checked by content, and the report\'s number and days', async () => {
    await page.click('#skm-settings summary >> nth=1');
    // A text file named like a picture is refused by its content.
    await page.setInputFiles('#skm-letterhead-form input[name=logo]', {name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('bukan gambar')});
    await page.click('#skm-letterhead-form button[type=submit]');
    await page.waitForSelector('#skm-letterhead-form .message.error');
    assert.match(await text('#skm-letterhead-form'), /PNG atau JPEG/);
    // A real PNG: the Kotak icon drawn at the logo's size, as a facility's own logo would be.
    const drawing = await page.context().newPage();
    await drawing.setViewportSize({width: 96, height: 96});
    await drawing.goto(`${stack.url}/app/icon.svg`);
    const logo = await drawing.screenshot({clip: {x: 0, y: 0, width: 96, height: 96}});
    await drawing.close();
    await page.setInputFiles('#skm-letterhead-form input[name=logo]', {name: 'logo.png', mimeType: 'image/png', buffer: logo});
    const fields = {government: 'PEMERINTAH KABUPATEN KLATEN\nDINAS KESEHATAN', name: 'UPT Puskesmas Klaten Tengah',
      address: 'Jl. Pemuda No. 1, Klaten 57411', contact: 'Telp. (0272) 321000 · pkm.klatentengah@example.id', place: 'Klaten',
      head_name: 'dr. Ratna Sari', head_nip: '197801012006042001', mutu_name: 'Dewi Lestari, S.Kep', mutu_nip: '198502022010012002'};
    for (const [name, value] of Object.entries(fields)) await page.fill(`#skm-letterhead-form [name=${name}]`, value);
    await page.click('#skm-letterhead-form button[type=submit]');
    await page.waitForSelector('#skm-kop img.kop-logo', {state: 'attached'});  // the kop is on paper only
    assert.match(await page.getAttribute('#skm-kop img.kop-logo', 'src'), /^data:image\/png;base64,/);

    await page.click('#skm-settings summary >> nth=0');
    await page.fill('#skm-details-form [name=number]', '445/123/PKM-KT/2026');
    await page.fill('#skm-details-form [name=fieldwork_from]', `${inSemester(CURRENT, '01')}`);
    await page.fill('#skm-details-form [name=fieldwork_to]', `${inSemester(CURRENT, '28')}`);
    await page.fill('#skm-details-form [name=signed_day]', todayIso);
    await page.click('#skm-details-form button[type=submit]');
    await page.waitForSelector('#skm-number', {state: 'attached'});
    assert.match(await page.textContent('#skm-number'), /445\/123\/PKM-KT\/2026/);
    assert.match(await text('#skm-sign'), /Klaten, .*Ketua Tim Mutu.*Dewi Lestari, S.Kep NIP 198502022010012002.*Mengetahui, Kepala Puskesmas.*dr. Ratna Sari NIP 197801012006042001/);
    // The analysis ranks all nine unsur, the weakest first.
    assert.equal(await page.locator('#skm-ranking tbody tr').count(), 9);  // U8 unanswered at the kiosk, answered on paper
  });

  it('saves the follow-up plan and prints the report on A4', async () => {
    const plan = 'Waktu penyelesaian (U3): tambah satu petugas loket pada jam 08.00–10.00.\nSarana (U9): perbaiki kipas ruang tunggu.';
    const first = page.locator('#skm-rtl-form tr.rtl-row').first();
    await first.locator('select[name=element]').selectOption('U3');
    await first.locator('input[name=activity]').fill('Tambah satu petugas loket pada jam 08.00–10.00');
    await first.locator('input[name=time_frame]').fill('Januari–Maret');
    await first.locator('input[name=person]').fill('Kepala Tata Usaha');
    await page.fill('#skm-rtl-form textarea', plan);
    await page.click('#skm-rtl-form button[type=submit]');
    await page.waitForSelector('#skm-rtl-text');
    assert.match(await text('#skm-rtl-text'), /tambah satu petugas loket/);
    assert.match(await text('#skm-rtl-table'), /U3 Waktu penyelesaian Tambah satu petugas loket.*Januari–Maret Kepala Tata Usaha/);
    assert.match(await text('#skm-rtl'), /Disimpan oleh Dewi Lestari/);
    await page.screenshot({path: join(shots, 'skm.png'), fullPage: true});

    const print = await browser.newPage();
    await print.setViewportSize({width: 794, height: 1123});
    await print.emulateMedia({media: 'print'});
    await print.goto(`${stack.url}/app/#/skm?semester=${key(CURRENT)}`);
    await print.waitForSelector('#skm-report');
    assert.equal(await print.isVisible('#topbar'), false);
    assert.equal(await print.isVisible('#skm-import'), false);
    assert.equal(await print.isVisible('#skm-rtl-form'), false);
    assert.equal(await print.isVisible('#skm-settings'), false);
    assert.equal(await print.isVisible('#skm-kop'), true);
    assert.equal(await print.isVisible('.skm-trend-table'), true);  // the trend as figures on paper too
    assert.equal(await print.isVisible('#skm-intervals'), true);
    await print.screenshot({path: join(shots, 'skm-print.png'), fullPage: true});
    const pdf = join(shots, 'skm-a4.pdf');
    await print.pdf({path: pdf, format: 'A4', printBackground: true});
    await print.close();
    // Every page as an image (pdftoppm, 75 dpi), to look at and for docs/skm.md.
    for (const old of readdirSync(shots).filter((f) => /^skm-a4-\d+\.png$/.test(f))) rmSync(join(shots, old));
    execFileSync('pdftoppm', ['-png', '-r', '75', pdf, join(shots, 'skm-a4')], {timeout: 60000});
    const pages = readdirSync(shots).filter((f) => /^skm-a4-\d+\.png$/.test(f));
    assert.ok(pages.length >= 2 && pages.length <= 5, `A4 pages: ${pages.length}`);
    for (const f of pages) assert.ok(statSync(join(shots, f)).size > 5000, `${f} is not blank`);
    const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], {timeout: 60000}).toString();
    assert.match(pdfText, /UPT PUSKESMAS KLATEN TENGAH/);
    assert.match(pdfText, /445\/123\/PKM-KT\/2026/);
    assert.match(pdfText, /Mengetahui,/);
    assert.match(pdfText, /NIP 197801012006042001/);
    assert.doesNotMatch(pdfText, /NaN|undefined/);

    const csv = await page.evaluate(async (href) => {
      const r = await fetch(href);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return {type: r.headers.get('content-type'), bom: Array.from(bytes.slice(0, 3)), text: new TextDecoder().decode(bytes)};
    }, await page.getAttribute('#skm-csv', 'href'));
    assert.match(csv.type, /text\/csv/);
    assert.deepEqual(csv.bom, [0xef, 0xbb, 0xbf]);
    assert.match(csv.text, /Nilai IKM \(konversi\);77,43/);
    assert.match(csv.text, /tambah satu petugas loket/);
  });

  it('says plainly when a period has no data', async () => {
    await page.goto(`${stack.url}/app/#/skm?semester=${key(EMPTY)}`);
    await page.waitForSelector('#skm-empty');
    assert.match(await text('#skm-empty'), /Belum ada data SKM untuk periode ini/);
    await noNaN();
    await page.screenshot({path: join(shots, 'skm-empty.png'), fullPage: true});
  });

  it('undoes an import by the role that made it, and keeps it in the list', async () => {
    await showReport(page);
    await upload('salah-ketik.csv', `tanggal;U1;U2;U3;U4;U5;U6;U7;U8;U9\n${todayIso};1;1;1;1;1;1;1;1;1\n`);
    await page.waitForSelector('#skm-import-result .message.info');
    assert.match(await text('#skm-respondents'), /^\D*9/);
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('#skm-imports li:first-child button.skm-undo');
    await page.waitForSelector('#skm-imports li.undone');
    assert.match(await text('#skm-imports li.undone'), /salah-ketik\.csv.*dibatalkan oleh Dewi Lestari/);
    assert.match(await text('#skm-respondents'), /^\D*8/);
  });

  it('lets an officer read the report but not change it, and no one read another puskesmas', async () => {
    const other = await browser.newPage();
    await login(other, 'sari');
    await other.goto(`${stack.url}/app/#/skm?semester=${key(CURRENT)}`);
    await other.waitForSelector('#skm-report');
    assert.equal(await other.locator('#skm-import').count(), 0);
    assert.equal(await other.locator('#skm-population-form').count(), 0);
    assert.equal(await other.locator('#skm-rtl-form').count(), 0);
    await login(other, 'budi');
    const status = await other.evaluate(async (semester) => (await fetch(`/api/staff/skm?semester=${semester}&facility=pkm-test`)).status, key(CURRENT));
    assert.equal(status, 403);
    await other.close();
  });
});
