// Owners of cases (issue 15 item 1) in a real browser against the real
// stack: the officer takes a case and hands it to the quality team's Dewi,
// who finds it under "Kasus saya"; "Belum ada pemilik" lists the rest; the
// head assigns one; each change is in the case's history; the head sets a
// colleague's address for reminders. One stack, one browser. Screenshots go to $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
let browser, page;
const ids = {};

async function openCase(p, id) {
  await p.goto('about:blank');  // no form of the case before it may be found
  await p.goto(`${stack.url}/app/#/case/${id}`);
  await p.waitForSelector('#owner-form');
}

// The register's rows under a view (all, me, none), by case id.
async function view(p, name) {
  await p.goto('about:blank');
  await p.goto(`${stack.url}/app/#/register`);
  await p.click(`#register-views a[data-view="${name}"]`);
  await p.waitForSelector(`#register-views a[data-view="${name}"].current`);
  await p.waitForSelector('#register-table, .empty');
  return (await p.$$eval('#register-table tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.case)))).sort();
}

describe('owners of cases', () => {
  before(async () => {
    stack.setUp();
    stack.addManagers();
    await stack.start();
    stack.writeComplaint('Antrean pendaftaran sangat lama pagi ini.', 'anonim');
    stack.writeComplaint('Toilet di ruang tunggu kotor.', 'anonim');
    stack.writeComplaint('Obat batuk anak habis di apotek.', 'anonim');
    assert.equal((await stack.syncLog()).code, 0);
    browser = await openBrowser({viewport: {width: 1366, height: 768}});
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('the officer takes a case and hands it to a colleague', async () => {
    await stack.logIn(page, 'sari');
    ids.antrean = await stack.caseOf(page, 'Antrean pendaftaran');
    ids.toilet = await stack.caseOf(page, 'Toilet di ruang tunggu');
    ids.obat = await stack.caseOf(page, 'Obat batuk anak');
    await openCase(page, ids.antrean);
    assert.match(await page.textContent('#owner-now'), /Belum ada pemilik/);
    await page.click('#owner-take');
    await page.waitForSelector('#owner-hand-over');
    assert.match(await page.textContent('#owner-now'), /Anda memegang masukan ini/);
    assert.match(await page.textContent('#case-owner'), /Sari Wulandari/);
    // A colleague of another puskesmas is not offered; a closed choice of
    // this one's petugas, mutu and kepala.
    const offered = await page.$$eval('#owner-to option', (os) => os.map((o) => o.value));
    assert.deepEqual(offered.sort(), ['dewi', 'kartini']);
    await page.selectOption('#owner-to', 'dewi');
    await page.click('#owner-hand-over');
    await page.waitForSelector('#owner-assign');
    assert.match(await page.textContent('#case-owner'), /Dewi Lestari/);
    const history = await page.textContent('#history');
    assert.match(history, /Sari Wulandari mengambil masukan ini/);
    assert.match(history, /Diserahkan dari Sari Wulandari ke Dewi Lestari/);
    await page.screenshot({path: join(shots, 'case-owner.png'), fullPage: true});
  });

  it('Dewi finds it under Kasus saya; Belum ada pemilik lists the rest', async () => {
    await stack.logIn(page, 'dewi');
    assert.deepEqual(await view(page, 'me'), [ids.antrean]);
    assert.match(await page.textContent('#register-table'), /Dewi Lestari/);
    assert.deepEqual(await view(page, 'none'), [ids.toilet, ids.obat].sort());
    // The view stays with another filter and leaves with "Semua".
    await page.selectOption('form.filters select[name=status]', 'open');
    await page.waitForFunction(() => location.hash.includes('status=open') && location.hash.includes('owner=none'));
    await page.waitForSelector('#register-views a[data-view="none"].current');
    assert.equal(await page.$$eval('#register-table tbody tr', (trs) => trs.length), 2);
    assert.equal((await view(page, 'all')).length, 3);
  });

  it('the head assigns a case; the register shows its owner', async () => {
    await stack.logIn(page, 'kartini');
    await openCase(page, ids.toilet);
    await page.selectOption('#owner-to', 'sari');
    await page.click('#owner-assign');
    await page.waitForFunction(() => /Sari Wulandari/.test(document.querySelector('#case-owner')?.textContent || ''));
    assert.match(await page.textContent('#history'), /Pemilik ditetapkan: \(tanpa pemilik\) → Sari Wulandari/);
    // Taking a case somebody holds is refused, in Indonesian.
    const taken = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/staff/me')).json();
      const r = await fetch(`/api/staff/cases/${id}/owner`, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Kotak-CSRF': me.csrf}, body: JSON.stringify({kind: 'take'})});
      return {status: r.status, body: await r.json()};
    }, ids.toilet);
    assert.equal(taken.status, 409);
    assert.match(taken.body.error, /sudah dipegang Sari Wulandari/);

    await page.goto(`${stack.url}/app/#/register`);
    await page.waitForSelector('#register-table');
    const owners = await page.$$eval('#register-table tbody tr', (trs) =>
      Object.fromEntries(trs.map((tr) => [tr.dataset.case, tr.querySelector('td.owner').textContent])));
    assert.equal(owners[ids.antrean], 'Dewi Lestari');
    assert.equal(owners[ids.toilet], 'Sari Wulandari');
    assert.equal(owners[ids.obat], '—');
    await page.screenshot({path: join(shots, 'register-owners.png')});
  });

  it('the head sets where a colleague\'s reminders go', async () => {
    await page.goto(`${stack.url}/app/#/users`);
    await page.waitForSelector('#users-table tr[data-user="dewi"] button[data-action="email"]');
    page.once('dialog', (dialog) => dialog.accept('dewi@pkm-test.example.go.id'));
    await page.click('#users-table tr[data-user="dewi"] button[data-action="email"]');
    await page.waitForSelector('#users-table [data-email="dewi"]');
    assert.equal(await page.textContent('#users-table [data-email="dewi"]'), 'dewi@pkm-test.example.go.id');
    assert.match(await page.textContent('#users-status'), /Alamat surel pengingat dewi disimpan/);
    page.once('dialog', (dialog) => dialog.accept('dewi di puskesmas'));
    await page.click('#users-table tr[data-user="dewi"] button[data-action="email"]');
    await page.waitForSelector('#users-status .message.error');
    assert.match(await page.textContent('#users-status'), /tidak tampak benar/);
  });
});
