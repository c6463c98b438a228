// A unit answers for itself (issue 15 item 2; issue 14's "a unit forwarded
// to") in a real browser against the real stack: the officer forwards a
// named and a rahasia case to the pharmacy; the pharmacy's account sees
// both cases' work but nothing that identifies the sender and no way to it,
// is refused another unit's case and the publish and identity APIs, and
// writes its answer, which the officer reads in the case and its history.
// Then the facility's data-protection officer (issue 14 item 3) reviews the
// identity views. Screenshots go to $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
let browser, page, named, rahasia, kia;

const shoot = (p, name) => p.screenshot({path: join(shots, `${name}.png`), fullPage: true});

async function caseOf(p, text) {
  const found = await p.evaluate(async (q) =>
    (await (await fetch('/api/staff/cases?q=' + encodeURIComponent(q))).json()).cases, text);
  assert.equal(found.length, 1, `one case holds "${text}"`);
  return found[0].id;
}

async function forward(p, id, unit, note) {
  await p.goto('about:blank');  // no form of the case before it may be found
  await p.goto(`${stack.url}/app/#/case/${id}`);
  await p.waitForSelector('#forward-form');
  await p.selectOption('#forward-form select[name=unit]', unit);
  await p.fill('#forward-form input[name=note]', note);
  await p.click('#forward-form button[type=submit]');
  await p.waitForSelector('#case-unit-response');
}

// A request from the page with its session and CSRF token: its status and answer.
const call = (p, method, path, body) => p.evaluate(async ([method, path, body]) => {
  const me = await (await fetch('/api/staff/me')).json();
  const r = await fetch(path, {method, headers: {'Content-Type': 'application/json', 'X-Kotak-CSRF': me.csrf}, body: body ? JSON.stringify(body) : undefined});
  return {status: r.status, body: await r.json()};
}, [method, path, body]);

describe('a unit forwarded to', () => {
  before(async () => {
    stack.setUp();
    stack.addManagers();
    const password = join(stack.dir, 'password');
    stack.admin('user', 'add', '--username', 'apotek', '--name', 'Apt. Rudi (Apotek)', '--facility', 'pkm-test', '--role', 'unit', '--unit', 'apotek', '--password-file', password);
    stack.admin('user', 'add', '--username', 'kia', '--name', 'Bidan Ani (KIA)', '--facility', 'pkm-test', '--role', 'unit', '--unit', 'kia', '--password-file', password);
    await stack.start();
    stack.writeComplaint('Saya Sari, obat saya habis di apotek, tolong telepon 0812 3456 7890.', 'named', 'unit=apotek');
    stack.writeComplaint('Petugas apotek membentak ibu saya saat mengambil obat.', 'rahasia', 'unit=apotek');
    stack.writeComplaint('Ruang tunggu KIA panas sekali.', 'named', 'unit=kia');
    assert.equal((await stack.syncLog()).code, 0);
    browser = await openBrowser();
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('the officer forwards a named and a rahasia case to the pharmacy, another to KIA', async () => {
    await stack.logIn(page, 'sari');
    named = await caseOf(page, 'obat saya habis');
    rahasia = await caseOf(page, 'membentak');
    kia = await caseOf(page, 'Ruang tunggu KIA');
    await forward(page, named, 'apotek', 'Mohon cek stok obat hipertensi.');
    assert.match(await page.textContent('#case-unit-response'), /Apotek belum menjawab/);
    await forward(page, rahasia, 'apotek', 'Keluhan sikap petugas loket obat, shift pagi.');
    await forward(page, kia, 'kia', 'Mohon cek kipas angin.');
  });

  it('the pharmacy sees both cases\' work, never who sent them, and no way to open it', async () => {
    await stack.logIn(page, 'apotek');
    await page.waitForSelector('#inbox-table');
    assert.match(page.url(), /#\/inbox$|\/app\/$/);
    const rows = await page.$$eval('#inbox-table tbody tr', (trs) => trs.map((tr) => tr.dataset.case));
    assert.deepEqual(rows.map(Number).sort(), [named, rahasia].sort());
    // Only the inbox and the account page in the menu.
    const links = await page.$$eval('#nav a:not([hidden])', (as) => as.map((a) => a.dataset.page));
    assert.deepEqual(links, ['inbox', 'users']);
    await shoot(page, 'unit-inbox');

    await page.click(`#inbox-table a[href="#/inbox/${named}"]`);
    await page.waitForSelector('#inbox-content');
    const text = await page.textContent('main');
    assert.match(await page.textContent('#inbox-content'), /obat saya habis di apotek/);
    assert.match(await page.textContent('#inbox-content'), /\[…\]/);
    assert.match(text, /Mohon cek stok obat hipertensi/);
    assert.doesNotMatch(text, /Sari|Wulandari|0812|3456|Melati/);
    assert.equal(await page.$('#show-identity'), null);
    assert.equal(await page.$('#identity'), null);

    await page.goto(`${stack.url}/app/#/inbox/${rahasia}`);
    await page.waitForSelector('#inbox-text-withheld');
    const secret = await page.textContent('main');
    assert.doesNotMatch(secret, /membentak|Sari|Wulandari|0812|Melati/);
    assert.match(secret, /Keluhan sikap petugas loket obat/);
    await shoot(page, 'unit-rahasia');

    // Nor by the API: the register, the case page, the identity, publishing,
    // the data subject's requests.
    for (const [method, path, body] of [
      ['GET', '/api/staff/cases'],
      ['GET', `/api/staff/cases/${named}`],
      ['POST', `/api/staff/cases/${named}/identity`, {reason: 'perlu menelepon'}],
      ['POST', `/api/staff/cases/${named}/publish`, {summary: 'Obat habis', answer: 'Sudah diisi'}],
      ['GET', '/api/staff/identity-views'],
      ['POST', '/api/staff/subject/search', {phone: '081234567890', reason: 'permintaan pasien'}],
      ['POST', '/api/staff/subject/erase', {case_ids: [named], reason: 'permintaan pasien'}],
      ['GET', '/api/staff/recap'],
      ['GET', '/api/staff/users'],
    ]) {
      const r = await call(page, method, path, body);
      assert.equal(r.status, 403, `${method} ${path}`);
      assert.match(r.body.error, /kotak masuk unit/, `${method} ${path}`);
    }
    // Another unit's case: refused, on the page too.
    assert.equal((await call(page, 'GET', `/api/staff/unit/cases/${kia}`)).status, 403);
    await page.goto(`${stack.url}/app/#/inbox/${kia}`);
    const refused = await page.waitForSelector('#inbox-refused .message.error');
    assert.match(await refused.textContent(), /tidak diteruskan ke unit Anda/);
    assert.doesNotMatch(await page.textContent('main'), /Ruang tunggu/);
    // A page of the register by its address: the inbox instead.
    await page.goto(`${stack.url}/app/#/register`);
    await page.waitForSelector('#inbox-table');
  });

  it('the pharmacy writes its answer back to the officer', async () => {
    await page.goto(`${stack.url}/app/#/inbox/${named}`);
    await page.waitForSelector('#unit-response-form');
    await page.fill('#unit-response-form textarea[name=text]', 'Stok obat hipertensi sudah diisi ulang; pasien dapat mengambil besok pagi.');
    await page.click('#unit-response-form button[type=submit]');
    await page.waitForSelector('#unit-response .message.info');
    assert.match(await page.textContent('#unit-response'), /Stok obat hipertensi sudah diisi ulang/);
    await shoot(page, 'unit-answered');
    await page.goto(`${stack.url}/app/#/inbox`);
    await page.waitForSelector(`#inbox-table tr[data-case="${named}"] .status-ditanggapi`);
  });

  it('the officer reads the answer, who gave it and how long it took, in the case and its history', async () => {
    await stack.logIn(page, 'sari');
    await page.goto(`${stack.url}/app/#/case/${named}`);
    await page.waitForSelector('#case-unit-response .complaint');
    assert.match(await page.textContent('#case-unit-response'), /Stok obat hipertensi sudah diisi ulang[\s\S]*Apt\. Rudi \(Apotek\)[\s\S]*jam setelah diteruskan/);
    const history = await page.textContent('#history');
    assert.match(history, /Diteruskan ke Apotek — Mohon cek stok obat hipertensi\./);
    assert.match(history, /Apt\. Rudi \(Apotek\)[\s\S]*Jawaban dari Apotek \([\d,.]+ jam setelah diteruskan\) — “Stok obat/);
    await shoot(page, 'unit-officer-case');
    // The recap of the case's month (in its own time) counts it per unit.
    const month = await page.evaluate(async (id) => {
      const c = await (await fetch(`/api/staff/cases/${id}`)).json();
      return new Date(c.received_ms + c.utc_offset_min * 60000).toISOString().slice(0, 7);
    }, named);
    await page.goto(`${stack.url}/app/#/recap?month=${month}`);
    await page.waitForSelector('#recap-unit-responses');
    const recap = await page.textContent('#recap-unit-responses');
    assert.match(recap, /Apotek\s*2\s*1/);
    assert.match(recap, /KIA \/ KB\s*1\s*0/);
  });

  it('the data-protection officer: made on the users page, reviews the identity views of the facility', async () => {
    // A look at an identity, to be reviewed.
    await page.goto(`${stack.url}/app/#/case/${named}`);
    await page.click('#show-identity');
    await page.waitForSelector('#identity dl');

    await stack.logIn(page, 'dewi');
    assert.equal(await page.isVisible('#nav-access'), false);
    await stack.logIn(page, 'kartini');
    await page.goto(`${stack.url}/app/#/users`);
    await page.click('#users-table tr[data-user="dewi"] button[data-action="dpo-on"]');
    await page.waitForSelector('#users-table tr[data-user="dewi"] [data-dpo="dewi"]');
    assert.match(await page.textContent('#users-status'), /dewi kini petugas pelindungan data pribadi/);
    // The unit's account may not be one: no button for it.
    assert.equal(await page.$('#users-table tr[data-user="apotek"] button[data-action="dpo-on"]'), null);
    assert.match(await page.textContent('#users-table tr[data-user="apotek"]'), /Unit layanan · Apotek/);
    await shoot(page, 'unit-users-dpo');

    await stack.logIn(page, 'dewi');
    await page.click('#nav-access');
    await page.waitForSelector('#access-table');
    assert.match(await page.textContent('#access-table'), /Sari Wulandari/);
  });
});
