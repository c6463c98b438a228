// Voice complaints (issue 11) end to end in a real browser: the real
// kotak-kiosk, headless, records a tone sox makes (--audio-in), the real
// kotak-sync delivers it, and on the case page Chromium's <audio> loads the
// recording from the server (range requests) with a duration within 10% of
// what was recorded; staff type the transcript. Screenshots go to
// $KOTAK_SCREENSHOTS.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {Stack} from './stack.mjs';

const shots = process.env.KOTAK_SCREENSHOTS || join(process.cwd(), 'screenshots');
mkdirSync(shots, {recursive: true});

const stack = new Stack();
let browser, page, caseId, recordedMs;

// The kiosk of pkm-test on the stack's kiosk database; records `seconds`.
function recordAtKiosk(seconds) {
  const tone = join(stack.dir, 'tone.wav');
  execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', tone, 'synth', String(seconds + 2), 'sine', '300-900', 'vol', '0.5']);
  const config = join(stack.dir, 'kiosk.toml');
  writeFileSync(config, `[facility]\nid = "pkm-test"\nname = "Puskesmas Uji"\n[device]\nid = "kiosk-1"\n[storage]\ndatabase = "${stack.kioskDb}"\n` +
    '[[units]]\nid = "poli-umum"\nlabel = { id = "Poli Umum" }\n');
  const script = join(stack.dir, 'voice.script');
  writeFileSync(script, ['tap home.face.2', 'tap unit.poli-umum', 'tap want_write.yes', 'tap write_type.keluhan',
    'tap write_text.voice', 'tap write_voice.record', `advance ${seconds}`, 'tap write_voice.record',
    'tap write_voice.next', 'tap identity.anonymous', 'tap confidential.no', 'tap urgent.no', 'tap review.send',
    'expect thanks', ''].join('\n'));
  execFileSync(process.env.KOTAK_KIOSK_BIN, ['--config', config, '--headless', '800x480', '--script', script, '--audio-in', tone],
    {stdio: ['ignore', 'ignore', 'pipe']});
}

describe('a spoken complaint on the case page', () => {
  before(async () => {
    stack.setUp();
    await stack.start();
    recordAtKiosk(6);
    stack.sync();
    browser = await openBrowser();
    page = await browser.newPage();
  });

  after(async () => {
    if (browser) await browser.close();
    await stack.stop();
  });

  it('is marked in the register and plays with the length it was recorded', async () => {
    await stack.logIn(page, 'sari');
    const cases = await page.evaluate(async () => (await (await fetch('/api/staff/cases')).json()).cases);
    const spoken = cases.filter((c) => c.voice_ms > 0);
    assert.equal(spoken.length, 1);
    caseId = spoken[0].id;
    recordedMs = spoken[0].voice_ms;
    assert.ok(recordedMs >= 6000 && recordedMs <= 6100, `recorded ${recordedMs} ms`);
    await page.goto(`${stack.url}/app/#/register`);
    await page.waitForSelector(`tr[data-case="${caseId}"] .flag.voice`);
    await page.goto(`${stack.url}/app/#/case/${caseId}`);
    await page.waitForSelector('#case-audio');
    // Chromium reads an Ogg file's length from its last page: it asks for
    // the end of the file by range.
    const duration = await page.evaluate(() => new Promise((resolve, reject) => {
      const audio = document.querySelector('#case-audio');
      const done = () => (Number.isFinite(audio.duration) && audio.duration > 0 ? resolve(audio.duration) : null);
      if (audio.readyState >= 1 && done() !== null) return;
      audio.addEventListener('durationchange', done);
      audio.addEventListener('loadedmetadata', done);
      audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error && audio.error.code}`)));
      audio.load();
      setTimeout(() => reject(new Error('no duration after 20 s')), 20000);
    }));
    assert.ok(Math.abs(duration * 1000 - recordedMs) <= recordedMs * 0.1, `the audio element says ${duration} s, the kiosk recorded ${recordedMs} ms`);
    await page.screenshot({path: join(shots, 'dashboard-case-voice.png'), fullPage: true});
  });

  it('takes a transcript that becomes the case text, kept in the history', async () => {
    await page.fill('#transcript-text', 'Antrean di poli umum lama, saya menunggu dua jam.');
    await page.click('#save-transcript');
    await page.waitForFunction(() => document.querySelector('#case-content')?.textContent === 'Antrean di poli umum lama, saya menunggu dua jam.');
    const c = await page.evaluate(async (id) => (await fetch(`/api/staff/cases/${id}`)).json(), caseId);
    assert.equal(c.history.at(-1).action, 'transcript');
  });
});
