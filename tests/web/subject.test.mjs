// The data subject's rights (issue 14 item 4) in a real browser against the
// real stack: the head of the puskesmas finds a person by phone, downloads
// their records, erases their contact details with a reason, and the
// record of it shows who, when, why and how many; petugas, mutu and the
// district admin have no such action. Also: the kiosk's database keeps no
// contact details of a delivered complaint, and `kotak-server retention
// run` works on this config. Screenshots go to $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
let browser, page;

const login = (p, username) => stack.logIn(p, username);

describe('the data subject', () => {
  before(async () => {
    stack.setUp();
    const password = join(stack.dir, 'password');
    stack.admin('user', 'add', '--username', 'kartini', '--name', 'Kartini', '--facility', 'pkm-test', '--role', 'kepala', '--password-file', password);
    stack.admin('user', 'add', '--username', 'dinkes', '--name', 'Dinas Kesehatan', '--role', 'admin', '--password-file', password);
    await stack.start();
    // The writer's named sender: "Ibu Sari <b>Wulandari</b>", 0812 3456 7890.
    stack.writeComplaint('Antrean apotek lama sekali.', 'named', 'unit=apotek');
    stack.writeComplaint('Dokter jaga membentak saya.', 'rahasia', 'unit=poli-umum');
    stack.writeComplaint('Toilet kotor.', 'unit=poli-umum');
    assert.equal((await stack.syncLog()).code, 0);
    browser = await openBrowser({acceptDownloads: true});
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('the kiosk keeps no contact details of a delivered complaint', () => {
    for (const suffix of ['', '-wal', '-shm']) {
      const file = stack.kioskDb + suffix;
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      for (const needle of ['0812 3456 7890', 'Wulandari', 'Jl. Melati'])
        assert.equal(bytes.indexOf(needle), -1, `${file} holds "${needle}"`);
    }
  });

  it('petugas, mutu and the district admin have no such action', async () => {
    for (const user of ['sari', 'dewi', 'dinkes']) {
      await login(page, user);
      assert.equal(await page.isVisible('#nav-subject'), false, `${user} sees no link`);
      const status = await page.evaluate(async () => (await fetch('/api/staff/subject/requests')).status);
      assert.equal(status, 403, `${user} is refused`);
    }
    await page.goto(`${stack.url}/app/#/subject`);
    await page.waitForSelector('main');
  });

  it('kepala finds a person by phone, downloads their records, erases them with a reason', async () => {
    page.on('dialog', (dialog) => dialog.accept());
    await login(page, 'kartini');
    await page.click('#nav-subject');
    await page.waitForSelector('#subject-form');
    // A reason is required before anything is looked up.
    await page.fill('#subject-form input[name=phone]', '+62 812-3456-7890');
    await page.click('#subject-search');
    assert.equal(await page.$('#subject-table'), null, 'no search without a reason');
    await page.fill('#subject-form textarea[name=reason]', 'Permintaan akses pasien di loket, KTP dicek');
    await page.click('#subject-search');
    await page.waitForSelector('#subject-table');
    const rows = await page.$$('#subject-table tbody tr');
    assert.equal(rows.length, 2, 'the named and the rahasia complaint, not the anonymous one');
    const table = await page.textContent('#subject-table');
    assert.match(table, /Ibu Sari <b>Wulandari<\/b>/, 'shown as text, never as markup');
    assert.match(table, /0812 3456 7890/);
    await page.screenshot({path: join(shots, 'subject-found.png'), fullPage: true});

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#subject-export')]);
    const document = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(download.suggestedFilename(), 'data-pribadi.json');
    assert.equal(document.cases.length, 2);
    assert.deepEqual(document.cases.map((c) => c.text).sort(), ['Antrean apotek lama sekali.', 'Dokter jaga membentak saya.']);
    assert.equal(document.cases[0].contact.phone, '0812 3456 7890');

    // Erasing needs its own reason.
    await page.click('#subject-erase');
    assert.equal(await page.isVisible('#subject-table'), true, 'nothing erased without a reason');
    await page.fill('#subject-erase-reason', 'Pasien minta datanya dihapus (formulir 12/2026)');
    await page.click('#subject-erase');
    await page.waitForSelector('#subject-status .message.info >> text=/dihapus/');
    assert.match(await page.textContent('#subject-status'), /Data kontak 2 masukan telah dihapus/);
    const log = await page.textContent('#subject-log');
    assert.match(log, /Penghapusan/);
    assert.match(log, /Pasien minta datanya dihapus \(formulir 12\/2026\)/);
    assert.match(log, /Unduhan/);
    assert.match(log, /Pencarian/);
    assert.match(log, /Kartini/);
    await page.screenshot({path: join(shots, 'subject-erased.png'), fullPage: true});

    // Found no more; the case stays, says so, and its history says why.
    await page.click('#subject-search');
    await page.waitForSelector('#subject-results .empty');
    const id = await page.evaluate(async () =>
      (await (await fetch('/api/staff/cases?q=' + encodeURIComponent('Antrean apotek'))).json()).cases[0].id);
    await page.goto(`${stack.url}/app/#/case/${id}`);
    await page.waitForSelector('#identity-erased');
    const history = await page.textContent('#history');
    assert.match(history, /Data kontak dihapus \(atas permintaan pelapor\)/);
    // (The owner picker names the staff, among them the officer Sari
    // Wulandari: not the sender.)
    const shown = await page.$eval('main', (m) => {
      const copy = m.cloneNode(true);
      copy.querySelector('#owner-form')?.remove();
      return copy.textContent;
    });
    assert.doesNotMatch(shown, /Wulandari|0812 3456 7890/);
    await page.screenshot({path: join(shots, 'subject-case-erased.png'), fullPage: true});
  });

  it('the retention job runs on demand from the command line', () => {
    const out = stack.admin('retention', 'run');
    assert.match(out, /Erased the contact details of 0 cases closed more than 365 days ago/);
  });
});
