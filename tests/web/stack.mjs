// The real stack for the browser tests: kotak-server on a free loopback
// port with two facilities, a kiosk enrolled in one, staff users in both,
// and helpers to write a complaint into the kiosk database and run the real
// kotak-sync. Paths of the binaries come from CTest's environment.
import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';

const bin = (name) => {
  const path = process.env[name];
  if (!path) throw new Error(`${name} is not set: run this test through ctest`);
  return path;
};

// Long-running children die with this test, also when node crashes or is
// killed by ctest's timeout: setpriv (util-linux) sets the kernel's
// parent-death signal before it runs the program.
const servers = new Set();
process.on('exit', () => { for (const child of servers) child.kill('SIGKILL'); });
const spawnBound = (path, args, options) => {
  const child = spawn('setpriv', ['--pdeathsig', 'KILL', '--', path, ...args], options);
  servers.add(child);
  child.on('exit', () => servers.delete(child));
  return child;
};

export const PASSWORD = 'rahasia-123';

const UNITS = [['pendaftaran', 'Pendaftaran', 'Registration'], ['poli-umum', 'Poli Umum', 'General clinic'],
  ['poli-gigi', 'Poli Gigi', 'Dental clinic'], ['kia', 'KIA / KB', 'Mother & child'],
  ['laboratorium', 'Laboratorium', 'Laboratory'], ['apotek', 'Apotek', 'Pharmacy']]
  .map(([id, label, en]) => `[[units]]\nid = "${id}"\nlabel = { id = "${label}", en = "${en}" }\n`).join('');

export class Stack {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'kotak-web-'));
    this.config = join(this.dir, 'server.toml');
    this.kioskDb = join(this.dir, 'kiosk.db');
    this.tokenFile = join(this.dir, 'device.token');
    writeFileSync(join(this.dir, 'password'), `${PASSWORD}\n`);
    // The server's database on the engine under test, made by the same code
    // as every other server test's (tests/support/test_database.hpp).
    const storage = execFileSync(bin('KOTAK_TEST_DATABASE_BIN'), ['create', this.dir], {encoding: 'utf8'});
    this.database = storage.match(/^# database (.*)$/m)[1];
    writeFileSync(this.config, `[server]\nlisten = "127.0.0.1"\nport = 0\nthreads = 4\n${storage}${UNITS}`);
  }

  admin(...args) {
    return execFileSync(bin('KOTAK_SERVER_BIN'), ['--config', this.config, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
  }

  setUp() {
    this.admin('facility', 'add', '--id', 'pkm-test', '--name', 'Puskesmas Uji');
    this.admin('facility', 'add', '--id', 'pkm-lain', '--name', 'Puskesmas Lain');
    this.admin('device', 'add', '--facility', 'pkm-test', '--name', 'kiosk-1', '--token-file', this.tokenFile);
    const password = join(this.dir, 'password');
    this.admin('user', 'add', '--username', 'sari', '--name', 'Sari Wulandari', '--facility', 'pkm-test', '--role', 'petugas', '--password-file', password);
    this.admin('user', 'add', '--username', 'budi', '--name', 'Budi Santoso', '--facility', 'pkm-lain', '--role', 'petugas', '--password-file', password);
    this.admin('user', 'add', '--username', 'dewi', '--name', 'Dewi Lestari', '--facility', 'pkm-test', '--role', 'mutu', '--password-file', password);
    writeFileSync(join(this.dir, 'sync.toml'), `[server]\nurl = "http://127.0.0.1:0"\ntoken_file = "${this.tokenFile}"\n[storage]\ndatabase = "${this.kioskDb}"\n[sync]\nconnect_timeout_s = 2\ntimeout_s = 10\nretries = 1\nbackoff_initial_ms = 50\n`);
  }

  // The head of pkm-test (kartini, kepala) and the district admin (dinkes).
  addManagers() {
    const password = join(this.dir, 'password');
    this.admin('user', 'add', '--username', 'kartini', '--name', 'Kartini', '--facility', 'pkm-test', '--role', 'kepala', '--password-file', password);
    this.admin('user', 'add', '--username', 'dinkes', '--name', 'Dinas Kesehatan', '--role', 'admin', '--password-file', password);
  }

  // Appends tables to server.toml (before start()); server_keys go into
  // its [server] table.
  configure(tables, serverKeys = '') {
    const text = readFileSync(this.config, 'utf8').replace('[server]\n', `[server]\n${serverKeys}`);
    writeFileSync(this.config, `${text}${tables}`);
  }

  // kotak-smtp-sink on loopback (tests/tools/smtp_sink.cpp), which writes
  // each mail it receives to dir/mail-N.eml; resolves to its port.
  startSmtpSink(dir) {
    const sink = spawnBound(bin('KOTAK_SMTP_SINK_BIN'), [dir], {stdio: ['ignore', 'pipe', 'inherit']});
    this.smtpSink = sink;
    const lines = createInterface({input: sink.stdout});
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('kotak-smtp-sink did not start')), 10000);
      lines.on('line', (line) => {
        const match = line.match(/listening on (\d+)/);
        if (match) { clearTimeout(timer); resolve(Number(match[1])); }
      });
    });
  }

  async start() {
    // Under `make test-moved-clock` the browser tests move both clocks
    // (Chromium needs them together), but the server's timed waits (its
    // background jobs' rounds) are computed on the monotonic clock and would
    // come 400 days late: the server's calendar moves, its monotonic clock
    // stays real, as in the end-to-end tests.
    this.server = spawnBound(bin('KOTAK_SERVER_BIN'), ['serve', '--config', this.config],
      {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1'}});
    this.log = '';
    this.server.stderr.on('data', (chunk) => { this.log += chunk; });
    const lines = createInterface({input: this.server.stdout});
    this.port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kotak-server did not start:\n${this.log}`)), 20000);
      lines.on('line', (line) => {
        const match = line.match(/listening on http:\/\/127\.0\.0\.1:(\d+)$/);
        if (match) { clearTimeout(timer); resolve(Number(match[1])); }
      });
    });
    this.url = `http://127.0.0.1:${this.port}`;
    const sync = readFileSync(join(this.dir, 'sync.toml'), 'utf8').replace('http://127.0.0.1:0', this.url);
    writeFileSync(join(this.dir, 'sync.toml'), sync);
  }

  // Writes one complaint at the "kiosk" and returns its id (the ticket UUID).
  writeComplaint(text, ...options) {
    return execFileSync(bin('KOTAK_WRITER_BIN'), [this.kioskDb, 'pkm-test', 'kiosk-1', text, ...options], {encoding: 'utf8'}).trim();
  }

  fillKiosk(count) {
    execFileSync(bin('KOTAK_FILLER_BIN'), [this.kioskDb, String(count), 'pkm-test', 'kiosk-1']);
  }

  // A started stack whose register holds the cases of count kiosk
  // submissions (a quarter are written complaints: 260 make 65 cases);
  // with managers, the head and the district admin have accounts too.
  async startWithKioskCases(count, {managers = false} = {}) {
    this.setUp();
    if (managers) this.addManagers();
    await this.start();
    this.fillKiosk(count);
    this.sync();
  }

  // kotak-sync once; returns what it logged.
  sync() {
    return execFileSync(bin('KOTAK_SYNC_BIN'), ['once', '--config', join(this.dir, 'sync.toml')], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
  }

  syncLog() {
    const result = spawnBound(bin('KOTAK_SYNC_BIN'), ['once', '--config', join(this.dir, 'sync.toml')]);
    let err = '';
    result.stderr.on('data', (chunk) => { err += chunk; });
    return new Promise((resolve) => result.on('close', (code) => resolve({code, err})));
  }

  deviceToken() { return readFileSync(this.tokenFile, 'utf8').trim(); }

  // Opens the log-in form on a browser page, first logging out whoever the
  // browser's shared cookie belongs to.
  async logInForm(p) {
    await p.goto(`${this.url}/app/`);
    // The app shows either the log-in form or (a session still open) the top bar.
    await p.waitForSelector('#login-form input[name=username]:visible, #topbar:not([hidden]) #logout');
    if (await p.isVisible('#topbar:not([hidden]) #logout')) {
      await p.click('#logout');
      await p.waitForSelector('#login-form input[name=username]:visible');
    }
  }

  // Sends username and the test password from the log-in form (a second
  // step may follow: a one-time code's new password, a TOTP code).
  async passwordStep(p, username) {
    await this.logInForm(p);
    await p.fill('input[name=username]', username);
    await p.fill('input[name=password]', PASSWORD);
    await p.click('#login-form button[type=submit]');
  }

  // Logs a browser page in as username.
  async logIn(p, username) {
    await this.passwordStep(p, username);
    await p.waitForSelector('#topbar:not([hidden])');
  }

  // The id of the one case of the logged-in page's register that holds text.
  async caseOf(p, text) {
    const found = await p.evaluate(async (q) =>
      (await (await fetch('/api/staff/cases?q=' + encodeURIComponent(q))).json()).cases, text);
    if (found.length !== 1) throw new Error(`${found.length} cases hold "${text}", not one`);
    return found[0].id;
  }

  // Stops kotak-server, keeping its database, to start it again.
  async stopServer() {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.kill('SIGTERM');
    await new Promise((resolve) => server.on('close', resolve));
  }

  async stop() {
    if (this.smtpSink) this.smtpSink.kill('SIGKILL');
    await this.stopServer();
    if (!process.env.KOTAK_KEEP_TEST_DIRS) {
      if (this.database) execFileSync(bin('KOTAK_TEST_DATABASE_BIN'), ['drop', this.database]);
      rmSync(this.dir, {recursive: true, force: true});
    }
  }
}
