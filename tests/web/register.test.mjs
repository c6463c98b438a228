// The register's pages in a real browser (issue 13): with more cases than a
// page holds, the officer pages forwards and back by cursor (the address
// carries it, so back and bookmarks work), every case shows once, and a
// page link that was tampered with says what to do.
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

const rowIds = (p) => p.$$eval('#register-table tbody tr', (rows) => rows.map((r) => r.dataset.case));

describe('the register pages', () => {
  before(async () => {
    await stack.startWithKioskCases(260);  // 65 cases
    browser = await openBrowser();
    page = await browser.newPage();
    await stack.logIn(page, 'sari');
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('pages forwards and back by cursor, each case once', async () => {
    await page.goto(`${stack.url}/app/#/register?sort=oldest`);
    await page.waitForSelector('#register-table');
    const total = Number((await page.textContent('#case-count')).match(/\d+/)[0]);
    assert.ok(total > 50, `${total} cases (more than a page)`);
    assert.equal(await page.textContent('#page-number'), `Halaman 1 dari ${Math.ceil(total / 50)}`);
    assert.equal(await page.$('#page-prev'), null);
    const first = await rowIds(page);
    assert.equal(first.length, 50);
    await page.click('#page-next');
    await page.waitForSelector('#page-number:text("Halaman 2")');
    assert.match(page.url(), /after=/);
    const second = await rowIds(page);
    assert.equal(second.length, total - 50);
    assert.equal(new Set([...first, ...second]).size, total);
    assert.equal(await page.$('#page-next'), null);
    await page.screenshot({path: join(shots, 'register-pages.png'), fullPage: true});
    await page.click('#page-prev');
    await page.waitForSelector('#page-number:text("Halaman 1")');
    assert.deepEqual(await rowIds(page), first);
  });

  it('says what to do when a page link was tampered with', async () => {
    await page.goto(`${stack.url}/app/#/register?after=1.2.3`);
    const message = await page.waitForSelector('.message.error');
    assert.match(await message.textContent(), /Buka register dari halaman pertama/);
  });
});
