// The answer sent to the patient (issue 15 item 4) in a real browser
// against the real stack: the complaint officer records a complaint that
// came by phone with the patient's number and address, answers it choosing
// email and SMS; kotak-smtp-sink receives the mail, the gammu-smsd outbox
// gets the UTF-16 file, the test moves it to the sent folder as gammu-smsd
// would, and the case page shows both messages sent and two answers with
// their channels. A number that is not a mobile one is refused with its
// reason. One stack, one browser. Screenshots go to $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {mkdirSync, readFileSync, readdirSync, renameSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
const spool = {outbox: join(stack.dir, 'outbox'), sent: join(stack.dir, 'sent'), error: join(stack.dir, 'error')};
const mailDir = join(stack.dir, 'mail');
let browser, page, caseId;

const ANSWER = 'Mohon maaf atas ketidaknyamanannya. Stok obat batuk anak sudah kami tambah sejak pagi ini, silakan ambil di apotek.';

async function until(what, check, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function recordCase(p, phone, email) {
  await p.goto(`${stack.url}/app/#/new`);
  await p.waitForSelector('#new-case-form');
  await p.selectOption('#new-case-form select[name=channel]', 'telepon');
  await p.fill('#new-case-form textarea[name=content]', `Obat batuk anak habis di apotek (${phone}).`);
  await p.selectOption('#new-case-form select[name=identity_mode]', 'named');
  await p.fill('#new-case-form input[name=name]', 'Ibu Wulan');
  await p.fill('#new-case-form input[name=phone]', phone);
  if (email) await p.fill('#new-case-form input[name=email]', email);
  await p.click('#new-case-form button[type=submit]');
  await p.waitForSelector('#answer-form');
  return Number(p.url().split('/').pop());
}

describe('the answer sent to the patient', () => {
  before(async () => {
    for (const dir of [...Object.values(spool), mailDir]) mkdirSync(dir, {recursive: true});
    stack.setUp();
    stack.addManagers();
    const smtp = await stack.startSmtpSink(mailDir);
    stack.configure(
      `[mail]\nsmtp_url = "smtp://127.0.0.1:${smtp}"\nfrom = "kotak@pkm-test.example.go.id"\nreminders = false\n` +
      `[reply]\nemail = true\nsms = "gammu"\ngammu_outbox = "${spool.outbox}"\ngammu_sent = "${spool.sent}"\n` +
      `gammu_error = "${spool.error}"\npoll_s = 1\n`,
      'public_url = "https://kotak.pkm-test.example.go.id"\n');
    await stack.start();
    browser = await openBrowser({viewport: {width: 1366, height: 900}});
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('the officer answers by email and SMS and sees both sent, as two answers', async () => {
    await stack.logIn(page, 'sari');
    caseId = await recordCase(page, '0812-3456-7890', 'wulan@example.com');
    // Both channels can be used; nothing was sent yet.
    assert.equal(await page.isEnabled('#reply-email'), true);
    assert.equal(await page.isEnabled('#reply-sms'), true);
    assert.match(await page.textContent('#replies'), /Belum ada pesan ke pasien/);
    await page.fill('#answer-form textarea[name=text]', ANSWER);
    await page.check('#reply-email');
    await page.check('#reply-sms');
    await page.click('#answer-form button[type=submit]');
    await page.waitForSelector('#replies li[data-channel=sms]');
    assert.match(await page.textContent('#history'), /Data kontak dipakai untuk mengirim tanggapan \(Email, SMS\)/);

    // The mail reaches the SMTP sink: the answer and the ticket's link,
    // never the complaint or the patient's other details.
    const mail = await until('the mail', () => readdirSync(mailDir).find((f) => f.endsWith('.eml')));
    const text = readFileSync(join(mailDir, mail), 'utf8');
    assert.match(text, /X-Envelope-To: <wulan@example.com>/);
    assert.ok(text.includes('Stok obat batuk anak sudah kami tambah'), 'the answer is in the mail');
    assert.match(text, /https:\/\/kotak\.pkm-test\.example\.go\.id\/t\/[A-Z0-9-]+/);
    assert.match(text, /Puskesmas Uji/);
    for (const secret of ['Obat batuk anak habis', 'Ibu Wulan', '0812']) assert.ok(!text.includes(secret), `no "${secret}" in the mail`);

    // gammu-smsd's outbox gets the message as UTF-16 with a BOM.
    const file = await until('the SMS file', () => readdirSync(spool.outbox).find((f) => f.startsWith('OUT')));
    assert.match(file, /^OUTC\d{8}_\d{6}_00_\+6281234567890_kotak\d+a1\.txt$/);
    const bytes = readFileSync(join(spool.outbox, file));
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
    const sms = bytes.subarray(2).toString('utf16le');
    assert.match(sms, /^Puskesmas Uji: tanggapan pengaduan [A-Z0-9-]+: Mohon maaf/);
    assert.match(sms, /Status: https:\/\/kotak\.pkm-test\.example\.go\.id\/t\//);
    assert.ok(sms.length <= 300);
    await page.reload();
    await page.waitForSelector('#replies li[data-channel=sms][data-state=queued]');
    assert.match(await page.textContent('#replies li[data-channel=sms]'), /SMS: menunggu/);

    // As gammu-smsd does once the modem has sent it.
    renameSync(join(spool.outbox, file), join(spool.sent, file));
    await until('both sent', async () => {
      await page.reload();
      await page.waitForSelector('#replies li[data-channel=sms]');
      return (await page.$$('#replies li[data-state=sent]')).length === 2;
    });
    assert.match(await page.textContent('#replies li[data-channel=email]'), /Email: terkirim/);
    assert.match(await page.textContent('#replies li[data-channel=sms]'), /SMS: terkirim/);
    const answers = await page.$$eval('#answers li .meta', (ms) => ms.map((m) => m.textContent));
    assert.equal(answers.length, 2);
    assert.match(answers.join('\n'), /Email/);
    assert.match(answers.join('\n'), /SMS\/WhatsApp/);
    assert.match(await page.textContent('#history'), /Tanggapan terkirim ke pasien lewat Email/);
    assert.match(await page.textContent('#case-content').catch(() => ''), /Obat batuk/);
    await page.screenshot({path: join(shots, 'case-reply.png'), fullPage: true});
  });

  it('a number that is not a mobile one is refused with its reason', async () => {
    // An old kiosk stored a landline number.
    stack.writeComplaint('Ruang tunggu panas sekali.', 'named', 'phone=0274 123');
    assert.equal((await stack.syncLog()).code, 0);
    const other = await stack.caseOf(page, 'Ruang tunggu panas');
    await page.goto('about:blank');
    await page.goto(`${stack.url}/app/#/case/${other}`);
    await page.waitForSelector('#answer-form');
    assert.equal(await page.isEnabled('#reply-sms'), false);
    assert.match(await page.textContent('#reply-sms-why'), /bukan nomor HP Indonesia/);
    assert.match(await page.textContent('#reply-email-why'), /Tidak ada alamat email/);
    const refused = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/staff/me')).json();
      const r = await fetch(`/api/staff/cases/${id}/reply`, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Kotak-CSRF': me.csrf}, body: JSON.stringify({text: 'Jawaban', sms: true})});
      return {status: r.status, body: await r.json()};
    }, other);
    assert.equal(refused.status, 400);
    assert.match(refused.body.error, /bukan nomor HP Indonesia/);
    assert.ok(caseId !== other);
  });

  it('the officer sees the mail address she typed; the head sees each use of the details in the access record', async () => {
    await page.goto('about:blank');
    await page.goto(`${stack.url}/app/#/case/${caseId}`);
    await page.click('#show-identity');
    await page.waitForSelector('#identity dl.details');
    const shown = await page.textContent('#identity dl.details');
    for (const value of ['Ibu Wulan', '0812-3456-7890', 'wulan@example.com']) assert.ok(shown.includes(value), `"${value}" shown`);
    assert.match(shown, /Email/);

    const head = await openBrowser({viewport: {width: 1366, height: 900}});
    try {
      const p = await head.newPage();
      await stack.logIn(p, 'kartini');
      await p.goto(`${stack.url}/app/#/access`);
      await p.waitForSelector('#access-table');
      const rows = await p.$$eval('#access-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
      const sending = rows.filter((r) => r.includes('Dipakai untuk mengirim tanggapan ke pasien'));
      assert.equal(sending.length, 1, rows.join('\n'));
      assert.match(sending[0], /Sari Wulandari[\s\S]*\(Email, SMS\)/);
      assert.equal(rows.filter((r) => r.includes('Sari Wulandari')).length, 2, 'the look and the use, each once');
      await p.screenshot({path: join(shots, 'access-reply-use.png'), fullPage: true});
    } finally {
      await head.close();
    }
  });
});
