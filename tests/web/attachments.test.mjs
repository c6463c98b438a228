// Files attached to a case (issue 15 item 6) in a real browser against the
// real stack: the complaint officer attaches a photo (a real JPEG Chromium
// made), a letter (a real PDF Chromium printed) and a file that only calls
// itself a photo, in one go; the two real ones show as a thumbnail and a
// PDF tile and open byte for byte, the false one is refused with its
// reason; a wrong file is taken off with a reason kept in the history; the
// quality team's member sees the files. Screenshots go to $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
let browser, page, id, photo, letter;

async function openCase(p) {
  await p.goto('about:blank');
  await p.goto(`${stack.url}/app/#/case/${id}`);
  await p.waitForSelector('#case-files');
}

// What the API gives for a file: status, type and a digest of the bytes.
async function fetched(p, path) {
  return p.evaluate(async (path) => {
    const r = await fetch(path);
    const bytes = new Uint8Array(await r.arrayBuffer());
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
    return {status: r.status, type: r.headers.get('content-type'), size: bytes.length, digest};
  }, path);
}

describe('files attached to a case', () => {
  before(async () => {
    stack.setUp();
    stack.addManagers();
    await stack.start();
    stack.writeComplaint('Slip kotak saran: kursi ruang tunggu poli gigi patah, anak saya hampir jatuh.', 'anonymous');
    assert.equal((await stack.syncLog()).code, 0);
    browser = await openBrowser({viewport: {width: 1366, height: 900}});
    page = await browser.newPage();
    // Real files: a JPEG photo and a PDF letter, both made by Chromium.
    const maker = await browser.newPage();
    await maker.setContent('<body style="margin:0;background:linear-gradient(135deg,#f5deb3,#8b5a2b)"><h1 style="font:40px serif;padding:40px">Kursi patah — poli gigi</h1></body>');
    photo = await maker.screenshot({type: 'jpeg', quality: 85});
    await maker.setContent('<h1>Surat pengaduan</h1><p>Kepada Yth. Kepala Puskesmas Uji. Kursi ruang tunggu poli gigi patah.</p>');
    letter = await maker.pdf({format: 'A4'});
    await maker.close();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('the officer attaches a photo and a letter; a file that only claims to be a photo is refused', async () => {
    await stack.logIn(page, 'sari');
    id = await stack.caseOf(page, 'kursi ruang tunggu poli gigi');
    await openCase(page);
    assert.match(await page.textContent('#case-files'), /Belum ada lampiran/);
    await page.setInputFiles('#file-input', [
      {name: 'foto kursi.jpg', mimeType: 'image/jpeg', buffer: photo},
      {name: 'surat pengaduan.pdf', mimeType: 'application/pdf', buffer: letter},
      {name: 'bukan foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html><script>alert(1)</script></html>')},
    ]);
    await page.waitForSelector('#files-status .message.error');
    assert.match(await page.textContent('#files-status'), /bukan foto\.jpg: Isi berkas ini bukan foto JPEG, gambar PNG, atau PDF/);
    await page.waitForSelector('#case-files li.file[data-name="surat pengaduan.pdf"]');
    const names = await page.$$eval('#case-files li.file', (items) => items.map((li) => li.dataset.name));
    assert.deepEqual(names, ['foto kursi.jpg', 'surat pengaduan.pdf']);
    // The photo's thumbnail is drawn (a real image the browser decoded).
    await page.waitForFunction(() => {
      const img = document.querySelector('#case-files li.file[data-name="foto kursi.jpg"] img');
      return img && img.complete && img.naturalWidth > 0;
    });
    const width = await page.$eval('#case-files li.file[data-name="foto kursi.jpg"] img', (img) => img.naturalWidth);
    assert.ok(width <= 320 && width > 100, `thumbnail width ${width}`);
    assert.equal(await page.textContent('#case-files li.file[data-name="surat pengaduan.pdf"] .file-kind'), 'PDF');
    assert.match(await page.textContent('#history'), /Berkas dilampirkan: foto kursi\.jpg/);
    await page.evaluate(() => { document.getElementById('topbar').style.position = 'static'; });
    await page.locator('#case-files').screenshot({path: join(shots, 'case-files.png')});
  });

  it('each file opens as it was sent', async () => {
    const links = await page.$$eval('#case-files a.file-open', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, 2);
    const sha = async (buffer) => Buffer.from(await crypto.subtle.digest('SHA-256', buffer)).toString('hex');
    const jpeg = await fetched(page, links[0]);
    assert.deepEqual([jpeg.status, jpeg.type, jpeg.digest], [200, 'image/jpeg', await sha(photo)]);
    const pdf = await fetched(page, links[1]);
    assert.deepEqual([pdf.status, pdf.type, pdf.digest], [200, 'application/pdf', await sha(letter)]);
  });

  it('the quality team sees the files; the officer takes a wrong one off with a reason', async () => {
    const second = await openBrowser();  // her own cookies
    const other = await second.newPage();
    await stack.logIn(other, 'dewi');
    await other.goto(`${stack.url}/app/#/case/${id}`);
    await other.waitForSelector('#case-files li.file[data-name="foto kursi.jpg"] img');
    await second.close();

    page.once('dialog', (dialog) => dialog.accept('surat ini untuk kasus lain'));
    await page.click('#case-files li.file[data-name="surat pengaduan.pdf"] button[data-remove]');
    await page.waitForFunction(() => !document.querySelector('#case-files li.file[data-name="surat pengaduan.pdf"]') ||
      document.querySelector('#files-status .message.error'));
    assert.equal(await page.$('#files-status .message.error'), null, await page.textContent('#files-status'));
    assert.match(await page.textContent('#history'), /Berkas dilepas: surat pengaduan\.pdf — .*surat ini untuk kasus lain/);
    assert.equal(await page.$$eval('#case-files li.file', (items) => items.length), 1);
    const shot = join(shots, 'case-files-390.png');
    await page.setViewportSize({width: 390, height: 844});
    await page.locator('#case-files').screenshot({path: shot});
  });
});
