// The privacy rules of issue 14 in a real browser against the real stack:
// what staff write for the public is refused when it holds personal data,
// previewed as the public will see it, and taken off the board, /papan and
// the kiosks' next pull at once. Each role is tried: petugas, mutu, kepala,
// the district admin and the public (a unit a case is forwarded to: its
// own test, unit.test.mjs). Screenshots go to $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
let browser, page, namedCase, rahasiaCase;

async function shoot(p, name) {
  await p.screenshot({path: join(shots, `${name}.png`), fullPage: true});
}

const login = (p, username) => stack.logIn(p, username);

async function caseOf(p, text) {
  const found = await p.evaluate(async (q) =>
    (await (await fetch('/api/staff/cases?q=' + encodeURIComponent(q))).json()).cases, text);
  assert.equal(found.length, 1, `one case holds "${text}"`);
  return found[0].id;
}

async function openCase(p, id) {
  await p.goto(`${stack.url}/app/#/case/${id}`);
  await p.waitForSelector('#case-content');
}

async function publicBoard() {
  const papan = await browser.newPage();
  await papan.goto(`${stack.url}/papan/pkm-test`);
  await papan.waitForSelector('.papan-item, .empty');
  const text = await papan.textContent('#papan');
  return {papan, text};
}

async function kioskBoard() {
  const response = await fetch(`${stack.url}/api/v1/board`, {headers: {Authorization: `Bearer ${stack.deviceToken()}`}});
  assert.equal(response.status, 200);
  return response.json();
}

async function identityShown(p) {
  await p.waitForSelector('#identity dl');
  return p.textContent('#identity');
}

describe('the privacy rules', () => {
  before(async () => {
    stack.setUp();
    stack.addManagers();
    await stack.start();
    stack.writeComplaint('Antrean apotek lama sekali, saya menunggu tiga jam.', 'named', 'unit=apotek', 'face=1');
    stack.writeComplaint('Dokter jaga membentak ibu saya di poli umum.', 'rahasia', 'unit=poli-umum', 'face=1');
    assert.equal((await stack.syncLog()).code, 0);
    browser = await openBrowser();
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('publishing: starts empty, refuses personal data naming it, previews what the public sees', async () => {
    await login(page, 'sari');
    namedCase = await caseOf(page, 'Antrean apotek lama');
    await openCase(page, namedCase);
    await page.fill('#answer-form textarea[name=text]', 'Ibu Sari, loket kedua kami buka mulai Senin.');
    await page.click('#answer-form button[type=submit]');
    await page.waitForSelector('.head-badges .status-ditanggapi');
    // Nothing of the complaint or the answer to the person is copied in.
    assert.equal(await page.inputValue('#publish-form textarea[name=summary]'), '');
    assert.equal(await page.inputValue('#publish-form textarea[name=answer]'), '');

    // The leak of issue 14: the sender's own name and number.
    await page.fill('#publish-form textarea[name=summary]', 'Saya Sari Wulandari (0812-3456-7890), antrean apotek lama.');
    await page.fill('#publish-form textarea[name=answer]', 'Loket apotek kedua dibuka setiap pagi.');
    await page.click('#publish-form button[type=submit]');
    const refusal = await page.waitForSelector('#publish-form .message.error');
    assert.match(await refusal.textContent(), /memuat data pribadi \(nama, nomor HP\): “Sari”, “Wulandari”, “0812-3456-7890”/);
    await shoot(page, 'privacy-publish-refused');
    // Anyone's number in the answer, found by the preview too.
    await page.fill('#publish-form textarea[name=summary]', 'Antrean di apotek terlalu lama.');
    await page.fill('#publish-form textarea[name=answer]', 'Keluhan lain: hubungi 0857 1111 2222.');
    await page.click('#preview');
    await page.waitForSelector('#publish-preview .message.error');
    assert.match(await page.textContent('#publish-preview'), /“0857 1111 2222”/);

    await page.fill('#publish-form textarea[name=answer]', 'Loket apotek kedua dibuka setiap pagi mulai pukul 07.30.');
    await page.click('#preview');
    const item = await page.waitForSelector('#publish-preview .papan-item');
    const previewed = await item.textContent();
    assert.match(previewed, /Antrean di apotek terlalu lama\./);
    assert.match(previewed, /Apotek/);
    await shoot(page, 'privacy-publish-preview');
    let {papan, text} = await publicBoard();
    assert.doesNotMatch(text, /Antrean di apotek/, 'a preview publishes nothing');
    await papan.close();

    await page.click('#publish-form button[type=submit]');
    await page.waitForSelector('#unpublish');
    assert.match(await page.textContent('#history'), /Diterbitkan di papan: “Antrean di apotek terlalu lama\.”/);
    ({papan, text} = await publicBoard());
    // The public reads exactly what the preview showed.
    assert.equal((await papan.textContent('.papan-item')).replace(/\s+/g, ' '), previewed.replace(/\s+/g, ' '));
    assert.doesNotMatch(text, /Sari|Wulandari|0812|Melati/);
    await papan.close();
    assert.equal((await kioskBoard()).items.length, 1);
  });

  it('publishing: mutu and kepala may publish, the district admin may not; unpublishing is immediate everywhere', async () => {
    for (const user of ['dewi', 'kartini']) {
      await login(page, user);
      await openCase(page, namedCase);
      assert.equal(await page.isVisible('#unpublish'), true, `${user} sees the publish form`);
    }
    await login(page, 'dinkes');
    await openCase(page, namedCase);
    assert.equal(await page.$('#publish-form button[type=submit]'), null);
    const refused = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/staff/me')).json();
      const r = await fetch(`/api/staff/cases/${id}/unpublish`, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Kotak-CSRF': me.csrf}, body: '{}'});
      return r.status;
    }, namedCase);
    assert.equal(refused, 403);

    await login(page, 'kartini');
    await openCase(page, namedCase);
    await page.click('#unpublish');
    await page.waitForSelector('#publish-form button[type=submit]');
    await page.waitForFunction(() => !document.querySelector('#unpublish'));
    const {papan, text} = await publicBoard();
    assert.doesNotMatch(text, /Antrean di apotek/);
    await shoot(papan, 'privacy-papan-unpublished');
    await papan.close();
    assert.equal((await kioskBoard()).items.length, 0);
    const pulled = await stack.syncLog();
    assert.match(pulled.err, /board updated \(0 items\)/);
  });

  it('rahasia: the officer opens the identity only with a reason, logged with it', async () => {
    await login(page, 'sari');
    rahasiaCase = await caseOf(page, 'membentak');
    await openCase(page, rahasiaCase);
    assert.match(await page.textContent('#rahasia-rule'), /hanya dilihat petugas pengaduan/);
    await page.click('#show-identity');
    const refusal = await page.waitForSelector('#identity .message.error');
    assert.match(await refusal.textContent(), /Tulis alasan/);
    await page.fill('#identity-reason', 'Pelapor minta ditelepon balik');
    await page.click('#show-identity');
    assert.match(await identityShown(page), /0812 3456 7890/);
    await shoot(page, 'privacy-rahasia-petugas');
    await page.reload();
    await page.waitForSelector('#history');
    assert.match(await page.textContent('#history'), /Data pelapor dibuka — alasan: Pelapor minta ditelepon balik/);
  });

  it('rahasia: mutu and kepala read the text but never the identity; the district reads neither', async () => {
    for (const user of ['dewi', 'kartini']) {
      await login(page, user);
      await openCase(page, rahasiaCase);
      assert.match(await page.textContent('#case-content'), /membentak/);
      assert.equal(await page.$('#show-identity'), null, `${user} has no way to the identity`);
      // Not by the API either.
      const status = await page.evaluate(async (id) => {
        const me = await (await fetch('/api/staff/me')).json();
        return (await fetch(`/api/staff/cases/${id}/identity`, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Kotak-CSRF': me.csrf}, body: JSON.stringify({reason: 'ingin tahu'})})).status;
      }, rahasiaCase);
      assert.equal(status, 403);
    }
    await shoot(page, 'privacy-rahasia-kepala');
    // The head reviews every look at senders' details: who, when, why.
    await page.click('#nav-access');
    await page.waitForSelector('#access-table');
    assert.match(await page.textContent('#access-table'), /Sari Wulandari[\s\S]*Pelapor minta ditelepon balik/);
    await shoot(page, 'privacy-access-review');
    // The head has the most links; at 1280 px each is whole in sight, none
    // under the brand or scrolled away.
    const boxes = await page.$$eval('#nav a:not([hidden])', (links) => links.map((a) => {
      const r = a.getBoundingClientRect();
      const brand = document.querySelector('.brand').getBoundingClientRect();
      return {text: a.textContent, left: r.left, right: r.right, width: r.width, brandRight: brand.right};
    }));
    assert.ok(boxes.length >= 6, JSON.stringify(boxes));
    for (const b of boxes) {
      assert.ok(b.width > 0 && b.left >= b.brandRight && b.right <= 1280, JSON.stringify(b));
    }

    await login(page, 'dinkes');
    await page.goto(`${stack.url}/app/#/register`);
    await page.waitForSelector('#register-table');
    await page.selectOption('#facility-select', 'pkm-test');
    await page.waitForSelector('#register-table tr[data-case]');
    assert.doesNotMatch(await page.textContent('#register-table'), /membentak/);
    assert.match(await page.textContent('#register-table'), /Rahasia: isi hanya dibaca puskesmas/);
    await shoot(page, 'privacy-rahasia-admin-register');
    await page.goto(`${stack.url}/app/#/case/${rahasiaCase}`);
    await page.waitForSelector('#case-content-hidden');
    assert.doesNotMatch(await page.textContent('main'), /membentak/);
    const found = await page.evaluate(async () =>
      (await (await fetch('/api/staff/cases?facility=pkm-test&q=membentak')).json()).total);
    assert.equal(found, 0, 'the district cannot search rahasia text');
  });

  it('rahasia: never on the board, /papan or the ticket page', async () => {
    const {papan, text} = await publicBoard();
    assert.doesNotMatch(text, /membentak/);
    await papan.close();
    assert.doesNotMatch(JSON.stringify(await kioskBoard()), /membentak/);
  });
});
