// The compact register and menu (issue 15 item 11), measured in a real
// browser: at 1366x768 a petugas sees at least 15 cases above the fold; at
// 390x844 the first case is on the first screen, the filters are folded
// behind "Saring (n)" and open on a tap, a page of 50 cards stays short,
// the bulk bar waits for a tick; and every menu item of the head (who has
// the most) can be reached and opens its page, on the phone through the
// "Menu" button and on the laptop in plain sight.
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

const DESKTOP = {width: 1366, height: 768};
const PHONE = {width: 390, height: 844};

async function openRegister(p, hash = '#/register', ready = '#register-table tbody tr') {
  await p.goto('about:blank');
  await p.goto(`${stack.url}/app/${hash}`);
  await p.waitForSelector(ready);
}

// The rows whose whole box is inside the window, scrolled to the top.
const rowsInSight = (p) => p.$$eval('#register-table tbody tr', (rows) => rows.filter((r) => {
  const box = r.getBoundingClientRect();
  return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
}).length);

// Each link of the menu that the account may use: page name and whether
// its box is whole inside the window.
const menuLinks = (p) => p.$$eval('#nav a:not([hidden])', (links) => links.map((a) => {
  const box = a.getBoundingClientRect();
  return {page: a.dataset.page, seen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 &&
    box.right <= window.innerWidth && box.bottom <= window.innerHeight};
}));

describe('the compact register and menu', () => {
  before(async () => {
    await stack.startWithKioskCases(260, {managers: true});  // 65 cases, and the head's account
    browser = await openBrowser();
    page = await browser.newPage();
    await stack.logIn(page, 'sari');
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('shows at least 15 cases above the fold of a 1366x768 laptop', async () => {
    await page.setViewportSize(DESKTOP);
    await openRegister(page);
    await page.screenshot({path: join(shots, 'register-desktop.png')});
    const total = Number((await page.textContent('#case-count')).match(/\d+/)[0]);
    assert.ok(total >= 60, `${total} cases (at least 60 seeded)`);
    assert.equal(await page.isVisible('#register-filters select[name=status]'), true, '(the filters are open on a laptop)');
    assert.equal(await page.isVisible('#filter-toggle'), false, '(no filter button on a laptop)');
    assert.equal(await page.isVisible('#bulk-bar'), true, '(the bulk bar stands ready on a laptop)');
    assert.equal(await page.isVisible('#menu-toggle'), false, '(the links themselves, no menu button)');
    const seen = await rowsInSight(page);
    assert.ok(seen >= 15, `${seen} cases above the fold (at least 15)`);
    // One line each: a row is no taller than a line of text and its padding.
    const heights = await page.$$eval('#register-table tbody tr', (rows) => rows.map((r) => r.getBoundingClientRect().height));
    assert.equal(heights.length, 50);
    assert.ok(Math.max(...heights) <= 34, `rows of ${Math.max(...heights)} px (at most 34)`);
  });

  it('fits a phone: the first case on the first screen, short cards, folded filters', async () => {
    await page.setViewportSize(PHONE);
    await openRegister(page);
    const rows = await page.$$('#register-table tbody tr');
    assert.equal(rows.length, 50);
    const first = await rows[0].boundingBox();
    assert.ok(first && first.y >= 0 && first.y + first.height <= PHONE.height, `the first card at ${JSON.stringify(first)} (within ${PHONE.height} px)`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 4500, `50 cards make a page of ${height} px (at most 4500)`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the register is ${overflow}px wider than the phone`);
    // Cards of two lines: at most about 3 lines of text each.
    const tallest = await page.$$eval('#register-table tbody tr', (trs) => Math.max(...trs.map((r) => r.getBoundingClientRect().height)));
    assert.ok(tallest <= 80, `the tallest card is ${tallest} px (at most 80)`);
    await page.screenshot({path: join(shots, 'register-phone.png')});

    // The filters: folded, open on a tap, and the button counts what is set.
    assert.equal(await page.isVisible('#register-filters'), false, '(the filters are folded)');
    assert.equal(await page.getAttribute('#filter-toggle', 'aria-expanded'), 'false');
    assert.equal((await page.textContent('#filter-toggle')).trim(), 'Saring');
    await page.click('#filter-toggle');
    assert.equal(await page.isVisible('#register-filters select[name=status]'), true, '(a tap opens the filters)');
    assert.equal(await page.getAttribute('#filter-toggle', 'aria-expanded'), 'true');
    await page.screenshot({path: join(shots, 'register-phone-filters.png')});
    // A change redraws the list, and the filters stay open for the next.
    await page.selectOption('#register-filters select[name=status]', 'open');
    await page.waitForFunction(() => /status=open/.test(location.hash) && document.querySelector('#filter-toggle')?.textContent.includes('(1)'));
    assert.equal(await page.isVisible('#register-filters select[name=type]'), true, '(still open after a change)');
    await page.click('#filter-toggle');
    assert.equal(await page.isVisible('#register-filters'), false, '(a second tap folds them)');
    await openRegister(page, '#/register?status=open&overdue=1&q=a&sort=newest', '#filter-toggle');
    assert.equal((await page.textContent('#filter-toggle')).trim(), 'Saring (4)');
  });

  it('keeps the bulk bar folded on a phone until a case is ticked', async () => {
    await page.setViewportSize(PHONE);
    await openRegister(page);
    assert.equal(await page.isVisible('#bulk-bar'), false, '(no bar before a tick)');
    assert.equal(await page.isVisible('#bulk-all'), true, '(select all stays in reach)');
    await page.check('#register-table tbody tr:first-child .bulk-pick');
    assert.equal(await page.isVisible('#bulk-apply'), true, '(a tick brings the bar)');
    const bar = await page.$eval('#bulk-bar', (b) => b.getBoundingClientRect().toJSON());
    assert.ok(bar.bottom <= PHONE.height + 1 && bar.top >= 0, `the bar at ${JSON.stringify(bar)} (in sight)`);
    assert.match(await page.textContent('#bulk-count'), /1 dipilih/);
    await page.uncheck('#register-table tbody tr:first-child .bulk-pick');
    assert.equal(await page.isVisible('#bulk-bar'), false, '(no tick, no bar)');
  });

  it('reaches every menu item at 390 px through the menu button', async () => {
    await stack.logIn(page, 'kartini');
    await page.setViewportSize(PHONE);
    await openRegister(page);
    assert.equal(await page.isVisible('#menu-toggle'), true);
    assert.equal(await page.isVisible('#nav'), false, '(the list is closed)');
    const pages = (await menuLinks(page)).map((l) => l.page);
    assert.ok(pages.length >= 8, `the head has ${pages.length} menu items (at least 8)`);
    for (const name of pages) {
      await page.click('#menu-toggle');
      assert.equal(await page.getAttribute('#menu-toggle', 'aria-expanded'), 'true');
      if (name === pages[0]) await page.screenshot({path: join(shots, 'menu-phone.png')});
      const links = await menuLinks(page);
      const link = links.find((l) => l.page === name);
      assert.ok(link?.seen, `the item ${name} is in sight in the open menu (${JSON.stringify(links)})`);
      await page.click(`#nav a[data-page="${name}"]`);
      await page.waitForFunction((n) => location.hash.startsWith(`#/${n}`) && document.querySelector(`#nav a[data-page="${n}"]`).classList.contains('active'), name);
      assert.equal(await page.isVisible('#nav'), false, `(the menu closes after ${name})`);
      const current = (await page.textContent('#menu-current')).trim();
      assert.equal(current, (await page.textContent(`#nav a[data-page="${name}"]`)).trim());
    }
  });

  it('shows every menu item at 1366 px and each one navigates', async () => {
    await page.setViewportSize(DESKTOP);
    await openRegister(page);
    const links = await menuLinks(page);
    assert.ok(links.length >= 8, JSON.stringify(links));
    for (const {page: name, seen} of links) {
      assert.ok(seen, `the item ${name} is in sight at 1366 px (${JSON.stringify(links)})`);
      await page.click(`#nav a[data-page="${name}"]`);
      await page.waitForFunction((n) => location.hash.startsWith(`#/${n}`), name);
    }
    await page.click('#nav a[data-page="register"]');
    await page.waitForSelector('#register-table tbody tr');
    await page.screenshot({path: join(shots, 'menu-desktop.png')});
  });
});
