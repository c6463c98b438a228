// Debian's chromium, driven by playwright-core, headless and alone: a fresh
// profile directory, no network beyond loopback (no first-run, sync,
// component updates or background requests).
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium} from 'playwright-core';

export async function openBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'kotak-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.KOTAK_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: {width: 1280, height: 860},
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    ...options,
  });
  context.close = ((close) => async () => {
    await close();
    rmSync(profile, {recursive: true, force: true});
  })(context.close.bind(context));
  return context;
}
