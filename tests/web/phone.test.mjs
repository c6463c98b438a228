// The patient's own phone (issue 18) in a real browser with a phone's
// profile, against the real stack: kotak-sync brings the kiosk its settings
// with the phone page's address and secret; the headless kiosk draws its
// home screen, whose QR code zbarimg decodes; that URL (on the test server's
// origin: server.public_url names the proxy) opens the survey at 390x844
// and a complaint at 320x568, touch. The complaint is sent while offline,
// kept, and sent once when the phone is online again; hostile text stays
// text; an expired code gets the plain "scan again" page; the answers are in
// the register (QR/ponsel) and the SKM report (ponsel). One stack, one
// browser. Screenshots go to $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
const HOSTILE = '<img src=x onerror="window.__xss=1">Antrean apotek lama';
let browser, qrUrl;

const phone = async (width, height) => {
  const p = await browser.newPage();
  await p.setViewportSize({width, height});
  return p;
};
const shoot = (p, name) => p.screenshot({path: join(shots, `${name}.png`), fullPage: true});

// The headless kiosk's home screen; its screenshot, when named.
function runKiosk(shot) {
  const toml = join(stack.dir, 'kiosk.toml');
  writeFileSync(toml, `[facility]\nid = "pkm-test"\nname = "Puskesmas Uji"\n[device]\nid = "kiosk-1"\n` +
    `[storage]\ndatabase = "${stack.kioskDb}"\n[display]\nfullscreen = false\n[skm]\nurl = "https://skm.example.go.id"\n`);
  const script = join(stack.dir, 'home.txt');
  writeFileSync(script, `expect home\n${shot ? `shot ${shot}\n` : ''}`);
  execFileSync(process.env.KOTAK_KIOSK_BIN, ['--config', toml, '--headless', '800x480', '--script', script],
    {stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000});
}

// The text of the kiosk's QR code, as a phone's camera reads it.
function scanKiosk() {
  const shot = join(shots, 'phone-kiosk-home.png');
  runKiosk(shot);
  return execFileSync('zbarimg', ['--raw', '-q', shot], {encoding: 'utf8'}).trim();
}

describe('the phone pages of the kiosk\'s QR code', () => {
  before(async () => {
    writeFileSync(stack.config, readFileSync(stack.config, 'utf8')
      .replace('[server]\n', '[server]\npublic_url = "https://kotak.example.go.id"\n'));
    stack.setUp();
    await stack.start();
    runKiosk();  // makes the kiosk's database, which kotak-sync fills
    stack.sync();
    browser = await openBrowser({isMobile: true, hasTouch: true, deviceScaleFactor: 2, viewport: {width: 390, height: 844}});
  });
  after(async () => {
    await browser?.close();
    await stack.stop();
  });

  it('the kiosk shows a fresh code that leads to the phone page', () => {
    const scanned = scanKiosk();
    assert.match(scanned, /^https:\/\/kotak\.example\.go\.id\/s\/pkm-test\?k=[0-9a-z]{16}$/);
    qrUrl = scanned.replace('https://kotak.example.go.id', stack.url);
  });

  it('the survey on a 390 px phone', async () => {
    const p = await phone(390, 844);
    const response = await p.goto(qrUrl);
    assert.equal(response.status(), 200);
    await shoot(p, 'phone-choose');
    // The whole first load (page, script, style), before any compression.
    const bytes = await p.evaluate(async () => {
      let total = 0;
      for (const url of [location.href, '/app/js/phone.js', '/app/phone.css'])
        total += (await (await fetch(url)).arrayBuffer()).byteLength;
      return total;
    });
    assert.ok(bytes < 30 * 1024, `first load ${bytes} bytes`);
    console.log(`first load: ${bytes} bytes uncompressed`);
    await p.tap('[data-show=skm]');
    await p.tap('#skm input[name=sex][value=P]');
    for (const [i, score] of [4, 3, 3, 4, 3, 4, 4, 3, 3].entries()) await p.tap(`#skm input[name=U${i + 1}][value="${score}"]`);
    await shoot(p, 'phone-skm');
    await p.tap('#skm button[type=submit]');
    await p.waitForSelector('#done:not([hidden]) h2');
    assert.match(await p.textContent('#done'), /Terima kasih/);
    // Nothing wider than the screen.
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await p.close();
  });

  it('a complaint on a 320 px phone, sent once after the connection came back', async () => {
    const p = await phone(320, 568);
    await p.goto(qrUrl);
    await p.tap('[data-show=written]');
    await p.tap('#written input[name=type][value=keluhan]');
    await p.tap('#written input[name=unit][value=apotek]');
    await p.fill('#written textarea[name=text]', HOSTILE);
    await p.tap('#written input[name=identity_mode][value=named]');
    await p.waitForSelector('#contact:not([hidden])');
    await p.fill('#written input[name=name]', 'Ibu Sari');
    await p.fill('#written input[name=phone]', '0812 3456 7890');
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await shoot(p, 'phone-complaint');
    // The connection drops just as the patient sends.
    await p.context().setOffline(true);
    await p.tap('#written button[type=submit]');
    await p.waitForSelector('#status:not([hidden])');
    await p.waitForFunction(() => /tersimpan/.test(document.getElementById('status').textContent));
    await shoot(p, 'phone-offline');
    // Kept on the phone: a reload while offline still has it.
    const kept = await p.evaluate(() => JSON.parse(localStorage.getItem('kotak-phone:pkm-test')));
    assert.equal(kept.fields.text, HOSTILE);
    assert.ok(kept.payload);
    await p.context().setOffline(false);
    await p.waitForSelector('#ticket-code', {timeout: 30000});
    const ticket = (await p.textContent('#ticket-code')).trim();
    assert.match(ticket, /^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    assert.equal(await p.evaluate(() => localStorage.getItem('kotak-phone:pkm-test')), null);
    await shoot(p, 'phone-ticket');
    // Sent again by hand: the server has it already.
    const again = await p.evaluate(async (payload) => (await fetch('/api/public/phone/pkm-test', {
      method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(payload)})).json(), kept.payload);
    assert.equal(again.status, 'duplicate');
    assert.equal(again.ticket, ticket);
    // Its tracking link opens the ticket page.
    await p.tap('#ticket-link');
    await p.waitForSelector('#ticket-code');
    assert.equal((await p.textContent('#ticket-code')).trim(), ticket);
    assert.equal(await p.evaluate(() => window.__xss), undefined);
    await p.close();
  });

  it('an expired or forged code gets the plain page to scan again', async () => {
    const p = await phone(320, 568);
    const response = await p.goto(`${stack.url}/s/pkm-test?k=0000000000000000`);
    assert.equal(response.status(), 403);
    assert.match(await p.textContent('body'), /Pindai lagi kode QR/);
    assert.match(await p.textContent('body'), /Scan the QR code/);
    await shoot(p, 'phone-expired');
    await p.close();
  });

  it('the answers are in the register and the SKM report, once', async () => {
    const p = await browser.newPage();
    await p.setViewportSize({width: 1280, height: 860});
    await stack.logIn(p, 'sari');
    const cases = await p.evaluate(async () => (await (await fetch('/api/staff/cases?channel=qr_ponsel')).json()).cases);
    assert.equal(cases.length, 1, 'one complaint from the phone, sent once');
    // The SKM report of the days around today (the browser's own dates).
    const report = await p.evaluate(async () => {
      const day = (offset) => new Date(Date.now() + offset * 86400000).toLocaleDateString('sv-SE');
      const body = await (await fetch(`/api/staff/skm?from=${day(-1)}&to=${day(1)}`)).json();
      return body.report || body;
    });
    assert.equal(report.by_source.ponsel, 1);
    assert.equal(report.respondents, 1);
    await p.goto(`${stack.url}/app/#/register?channel=qr_ponsel`);
    await p.waitForSelector('table tbody tr');
    assert.match(await p.textContent('table tbody'), /QR\/ponsel/);
    assert.match(await p.textContent('table tbody'), /Antrean apotek lama/);
    await shoot(p, 'phone-register');
    await p.close();
  });
});
