#!/usr/bin/env node
// Browser test of the three web apps against the real binary: starts `aurixa serve --port 0 --web-ports 0,0,0` on a
// fresh data dir (the seeded demo store; each app also gets a port of its own, as the seed's 3100/3300/3400), drives Debian's Chromium with playwright-core, logs in as each demo role and
// checks what the pages show. Screenshots go to $AURIXA_WEB_ARTIFACTS (default ./web-artifacts).
//
// Exit codes: 0 all checks passed, 1 a check failed, 77 Chromium is not installed (ctest SKIP_RETURN_CODE).
// Env: AURIXA_BIN (binary), AURIXA_SOURCE_DIR (checkout; web/dist and web/node_modules are used from there),
// CHROMIUM (browser path, default /usr/bin/chromium), AURIXA_WEB_ONLY (comma list of check-name substrings).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = resolve(process.env.AURIXA_SOURCE_DIR ?? join(here, '..', '..'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const artifacts = resolve(process.env.AURIXA_WEB_ARTIFACTS ?? join(process.cwd(), 'web-artifacts'));
const webDist = join(sourceDir, 'web', 'dist');
const only = (process.env.AURIXA_WEB_ONLY ?? '').split(',').filter(Boolean);
const PASSWORD = 'aurixa-demo';

if (!existsSync(chromiumPath)) {
  console.log(`SKIP: Chromium not found at ${chromiumPath} (scripts/install-deps.sh installs it)`);
  process.exit(77);
}
const bin = process.env.AURIXA_BIN;
if (!bin || !existsSync(bin)) {
  console.error(`AURIXA_BIN does not name the aurixa binary (got '${bin ?? ''}')`);
  process.exit(1);
}
if (!existsSync(join(webDist, 'dashboard', 'index.html'))) {
  console.error(`${webDist} is not built: run \`make build\` (or \`npm run build\` in web/)`);
  process.exit(1);
}
let chromium;
try {
  ({ chromium } = createRequire(join(sourceDir, 'web', 'package.json'))('playwright-core'));
} catch {
  console.error('playwright-core is not installed: run `npm ci` in web/ (scripts/install-deps.sh does)');
  process.exit(1);
}
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });

// ---- the server --------------------------------------------------------------------------------------------
function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'aurixa-web-'));
  const child = spawn(bin, ['serve', '--port', '0', '--web-ports', '0,0,0', '--data-dir', dataDir], {
    env: {
      ...process.env,
      AURIXA_HOST: '127.0.0.1',
      AURIXA_WEB_DIR: webDist,
      AURIXA_RATE_LIMIT_PER_MINUTE: '1000000',
      AURIXA_LOG_LEVEL: 'info',
      AURIXA_DEMO_PASSWORD: PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(createWriteStream(join(artifacts, 'server.log'))); // JSON log lines, kept as an artifact
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not report listening within 60 s')), 60_000);
    child.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
    const appPorts = {}; // {"event":"listening","port":N,"app":"patient"} lines come before the server's own one
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const e = JSON.parse(line);
        if (e.event === 'listening' && e.app) appPorts[e.app] = e.port;
        else if (e.event === 'listening') {
          clearTimeout(timer);
          resolveStart({ child, port: e.port, appPorts, dataDir });
        }
      } catch {
        /* not JSON */
      }
    });
  });
}

// ---- checks ------------------------------------------------------------------------------------------------
const results = [];
const knownGaps = [];
const consoleLines = [];
let browser;
let base;
let appBase = {}; // --web-ports: app name -> http://127.0.0.1:<its own port>

async function api(method, path, body, token) {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}
const tokenFor = async (email) => (await api('POST', '/api/v1/auth/login', { email, password: PASSWORD })).access_token;

async function newPage(name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('console', (m) => consoleLines.push({ check: name, type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => consoleLines.push({ check: name, type: 'pageerror', text: String(e) }));
  return page;
}

async function login(page, app, email) {
  await page.goto(`${base}/${app}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('account').filter({ hasText: email }).waitFor();
}

// Cheap accessibility audit of the page as it is now: a language, one h1, a name for every control and link.
const a11yProblems = (page) =>
  page.evaluate(() => {
    if (!document.body.querySelector('#root')) return []; // not an app page (e.g. a raw API response)
    const out = [];
    if (!document.documentElement.lang) out.push('html has no lang');
    const h1 = document.querySelectorAll('h1').length;
    if (h1 !== 1) out.push(`${h1} h1 elements`);
    for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea'))
      if (!(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
        out.push(`unlabelled ${el.tagName.toLowerCase()}#${el.id}`);
    for (const el of document.querySelectorAll('button, a[href]'))
      if (!(el.textContent.trim() || el.getAttribute('aria-label'))) out.push(`unnamed ${el.tagName.toLowerCase()}`);
    return out;
  });

// Follows a link of the main navigation.
const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

async function check(name, fn, opts = {}) {
  if (only.length && !only.some((o) => name.includes(o))) return;
  const t = Date.now();
  const page = await newPage(name);
  try {
    await fn(page);
    const problems = await a11yProblems(page);
    if (problems.length) throw new Error(`accessibility: ${problems.join('; ')}`);
    await shot(page, name);
    results.push({ name, ok: true, ms: Date.now() - t });
    console.log(`PASS ${name} (${Date.now() - t} ms)${opts.knownGap ? ' — the known gap is fixed: drop its knownGap flag' : ''}`);
  } catch (e) {
    await shot(page, `${name}.failed`).catch(() => {});
    const msg = String(e?.message ?? e).split('\n').slice(0, 6).join('\n  ');
    if (opts.knownGap) {
      knownGaps.push(`${name}: ${opts.knownGap}`);
      console.log(`KNOWN-GAP ${name} (${opts.knownGap}): ${msg}`);
    } else {
      results.push({ name, ok: false, ms: Date.now() - t, error: msg });
      console.log(`FAIL ${name}: ${msg}`);
    }
  } finally {
    await page.context().close();
  }
}

const expectText = async (locator, re) => {
  await locator.filter({ hasText: re }).first().waitFor();
};

async function run() {
  // Static serving: hashed assets, SPA fallback, 404 JSON outside it.
  await check('static-files', async (page) => {
    const r = await page.request.get(`${base}/dashboard/tenants`);
    if (r.status() !== 200 || !r.headers()['content-type'].startsWith('text/html')) throw new Error(`SPA fallback: ${r.status()}`);
    if (r.headers()['cache-control'] !== 'no-cache') throw new Error(`index cache-control ${r.headers()['cache-control']}`);
    const asset = (await r.text()).match(/\/assets\/[^"]+\.js/)?.[0];
    const a = await page.request.get(base + asset);
    if (!a.headers()['cache-control'].includes('immutable')) throw new Error('hashed asset not immutable');
    const missing = await page.request.get(`${base}/assets/missing-000.js`);
    if (missing.status() !== 404 || (await missing.json()).code !== 'not_found') throw new Error('missing asset not 404 JSON');
    const trav = await page.request.get(`${base}/dashboard/%2e%2e/%2e%2e/CMakeLists.txt`);
    if (trav.status() !== 404) throw new Error(`traversal answered ${trav.status()}`);
  });

  // ---- dashboard
  await check('dashboard-platform-admin-overview', async (page) => {
    await login(page, 'dashboard', 'admin@aurixa.io');
    await page.getByRole('heading', { name: 'Platform overview' }).waitFor();
    await expectText(page.locator('.metric'), /Active organizations/);
    await nav(page, 'Organizations');
    await page.getByRole('cell', { name: /^General Hospital/ }).waitFor();
    await nav(page, 'Services');
    await page.getByRole('cell', { name: 'rag', exact: true }).waitFor();
  });

  await check('dashboard-tenant-create', async (page) => {
    await login(page, 'dashboard', 'admin@aurixa.io');
    await nav(page, 'Organizations');
    await page.getByRole('button', { name: 'Add organization' }).click();
    await page.getByLabel('Organization name').fill('Lakeside Family Practice');
    await page.getByLabel('Plan').selectOption('professional');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('cell', { name: /^Lakeside Family Practice/ }).waitFor();
  });

  await check('dashboard-playground-stream', async (page) => {
    await login(page, 'dashboard', 'admin@aurixa.io');
    await nav(page, 'Playground');
    await page.getByRole('button', { name: 'What are your operating hours?' }).click();
    await page.getByTestId('timeline').locator('li.ev-done').waitFor({ timeout: 60_000 });
    const text = await page.getByTestId('playground-response').innerText();
    if (text.trim().length < 10) throw new Error(`empty response: ${text}`);
    await expectText(page.getByTestId('timeline').locator('li'), /Classifying intent/);
  });

  await check('dashboard-service-checks', async (page) => {
    await login(page, 'dashboard', 'admin@aurixa.io');
    await nav(page, 'Playground');
    await page.getByRole('tab', { name: 'Service checks' }).click();
    await page.getByRole('button', { name: 'Run all checks' }).click();
    const table = page.getByTestId('service-checks');
    await page.waitForFunction(() => ![...document.querySelectorAll('[data-testid="service-checks"] tbody tr td:nth-child(2)')].some((td) => td.textContent === '—'), null, { timeout: 60_000 });
    const failed = await table.locator('tr', { has: page.locator('.badge-bad') }).locator('td:first-child').allInnerTexts();
    if (failed.length) throw new Error(`failing service checks: ${failed.join(', ')}`);
  });

  await check('dashboard-knowledge-edit-and-retrieve', async (page) => {
    await login(page, 'dashboard', 'admin@aurixa.io');
    await nav(page, 'Knowledge');
    const list = page.getByRole('list', { name: 'Articles' });
    await list.getByRole('button').first().click();
    const editor = page.getByRole('form', { name: 'Edit article' });
    const content = editor.getByLabel('Content');
    const token = 'Zephyrquartz parking validation is available at the north desk.';
    await content.fill(`${await content.inputValue()}\n\n${token}`);
    await editor.getByRole('button', { name: 'Save article' }).click();
    await page.getByText(/^Saved “/).waitFor();
    // Retrieval reflects the edit (the RAG index updates incrementally; allow it a few tries).
    for (let i = 0; ; i++) {
      await page.getByLabel('Question').fill('zephyrquartz parking validation');
      await page.getByRole('button', { name: 'Retrieve' }).click();
      const results = page.getByTestId('retrieval-results');
      await results.waitFor();
      await page.waitForTimeout(300);
      if ((await results.innerText()).toLowerCase().includes('zephyrquartz')) break;
      if (i >= 10) throw new Error('edited text never retrieved');
      await page.waitForTimeout(1000);
    }
    await expectText(page.getByTestId('retrieval-results'), /score \d/);
  });

  await check('dashboard-knowledge-create-delete', async (page) => {
    await login(page, 'dashboard', 'admin@aurixa.io');
    await nav(page, 'Knowledge');
    await page.getByRole('button', { name: 'New article' }).click();
    const editor = page.getByRole('form', { name: 'New article' });
    await editor.getByLabel('Title').fill('Bicycle storage');
    await editor.getByLabel('Content').fill('Bicycle racks are beside the main entrance.');
    await editor.getByRole('button', { name: 'Create article' }).click();
    await page.getByRole('list', { name: 'Articles' }).getByRole('button', { name: 'Bicycle storage' }).waitFor();
    page.once('dialog', (d) => d.accept());
    await page.getByRole('form', { name: 'Edit article' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Article deleted.').waitFor();
  });

  await check('dashboard-analytics-charts', async (page) => {
    await login(page, 'dashboard', 'admin@aurixa.io');
    await nav(page, 'Analytics');
    await page.getByRole('img', { name: 'Event volume by type' }).waitFor();
    await page.getByRole('img', { name: 'Latency percentiles (all events)' }).waitFor();
    await page.getByRole('img', { name: 'Traffic by service' }).waitFor();
    await page.getByRole('img', { name: 'Events over time' }).waitFor();
    const bars = await page.getByRole('img', { name: 'Event volume by type' }).locator('rect').count();
    if (bars < 1) throw new Error('no bars drawn');
  });

  await check('dashboard-audit-and-config', async (page) => {
    await login(page, 'dashboard', 'admin@aurixa.io');
    await nav(page, 'Audit log');
    await page.getByTestId('audit-table').locator('tbody tr').first().waitFor();
    await page.getByLabel('Severity').selectOption('warning');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForTimeout(500);
    const sev = await page.getByTestId('audit-table').locator('tbody tr td:first-child').allInnerTexts();
    if (sev.some((s) => s.trim().toLowerCase() !== 'warning')) throw new Error(`filter leaked: ${sev.join(',')}`);
    await nav(page, 'Configuration');
    await page.getByRole('heading', { name: 'Platform configuration' }).waitFor();
    await page.locator('table.data tbody tr').first().waitFor();
  });

  await check('dashboard-tenant-admin', async (page) => {
    await login(page, 'dashboard', 'admin@generalhospital.com');
    await page.getByRole('heading', { name: 'Platform overview' }).waitFor();
    await nav(page, 'Organizations');
    await page.getByRole('cell', { name: /^General Hospital/ }).waitFor();
    if (await page.getByRole('cell', { name: /^Downtown Clinic/ }).count()) throw new Error('tenant admin sees another tenant');
  });

  // ---- patient portal
  await check('patient-home-and-visits', async (page) => {
    await login(page, 'patient', 'john.doe@email.com');
    await page.getByRole('heading', { name: /Hello, John/ }).waitFor();
    await nav(page, 'Visits');
    await page.getByRole('heading', { name: 'My visits' }).waitFor();
    await page.getByRole('heading', { name: 'Care history' }).waitFor();
    await nav(page, 'Medicines');
    await page.getByRole('heading', { name: 'Prescriptions' }).waitFor();
    if (await page.getByRole('alert').count()) throw new Error(`error shown: ${await page.getByRole('alert').first().innerText()}`);
  });

  await check('patient-chat-stream', async (page) => {
    await login(page, 'patient', 'john.doe@email.com');
    await nav(page, 'Messages');
    await page.getByLabel('Your message').fill('What are your opening hours?');
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = page.getByTestId('msg-assistant').last();
    await page.waitForFunction(() => {
      const els = document.querySelectorAll('[data-testid="msg-assistant"]');
      const t = els[els.length - 1]?.textContent ?? '';
      return t.length > 20 && !t.includes('Thinking');
    }, null, { timeout: 60_000 });
    if (/error|failed/i.test(await reply.innerText())) throw new Error(await reply.innerText());
  });

  await check('patient-book-through-chat', async (page) => {
    const token = await tokenFor('john.doe@email.com');
    const before = (await api('GET', '/api/v1/admin/patients/1/appointments', null, token)).length;
    await login(page, 'patient', 'john.doe@email.com');
    await nav(page, 'Messages');
    const say = async (text) => {
      const n = await page.getByTestId('msg-assistant').count();
      await page.getByLabel('Your message').fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.waitForFunction((k) => {
        const els = document.querySelectorAll('[data-testid="msg-assistant"]');
        return els.length > k && !(els[els.length - 1].textContent ?? '').includes('Thinking') && (els[els.length - 1].textContent ?? '').length > 0;
      }, n, { timeout: 60_000 });
      return page.getByTestId('msg-assistant').last().innerText();
    };
    // Dr. Bell: tenant 1's seeded visits are Dr. Adams's and Dr. Chen's at the seeding time of day (spec/SEED.md),
    // which could take the asked slot on some days at some hours.
    let answer = await say('I need to book an appointment with Dr. Bell next Tuesday at 10am for a checkup');
    for (let turn = 0; turn < 3 && (await api('GET', '/api/v1/admin/patients/1/appointments', null, token)).length === before; turn++) {
      answer = await say(/confirm|shall i|would you like|is that right|ok\?/i.test(answer) ? 'Yes, please book it' : 'Yes');
    }
    const after = await api('GET', '/api/v1/admin/patients/1/appointments', null, token);
    if (after.length <= before) throw new Error(`no appointment booked; last reply: ${answer}`);
    await nav(page, 'Visits');
    await expectText(page.getByTestId('upcoming').locator('li'), /Dr\. Bell/);
    // ... and the hospital portal sees it.
    const page2 = await newPage('patient-book-through-chat');
    try {
      await login(page2, 'hospital', 'sarah.chen@generalhospital.com');
      await nav(page2, 'Schedule');
      const booked = after.reduce((a, b) => (b.id > a.id ? b : a)); // the newest visit is the one just booked
      await page2.getByLabel('From').fill(booked.startTime.slice(0, 10));
      await page2.getByLabel('To').fill(booked.startTime.slice(0, 10));
      await expectText(page2.getByTestId('visit-table').locator('tr'), /John Doe/);
      await shot(page2, 'hospital-sees-booking');
    } finally {
      await page2.context().close();
    }
  });

  await check('patient-emergency-banner', async (page) => {
    await login(page, 'patient', 'john.doe@email.com');
    await nav(page, 'Messages');
    await page.getByLabel('Your message').fill('I have crushing chest pain and I can’t breathe');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('This may be an emergency').waitFor({ timeout: 60_000 });
    await expectText(page.getByRole('alert'), /911/);
  });

  // The emergency above should reach the nurses' queue (GET /api/v1/admin/tasks). Known gap: the pipeline does
  // not create a staff task for an emergency yet, so this check reports KNOWN-GAP instead of failing.
  await check('nurse-sees-escalation', async (page) => {
    await login(page, 'hospital', 'mike.j@generalhospital.com');
    await nav(page, 'Escalations & tasks');
    await page.getByTestId('task-list').locator('li').first().waitFor({ timeout: 15_000 });
  });

  // Patients may not PATCH appointments (gateway permissions), so Cancel hands the request to the assistant,
  // which asks for confirmation and cancels the visit.
  await check('patient-cancel-visit', async (page) => {
    const token = await tokenFor('john.doe@email.com');
    const upcoming = async () => (await api('GET', '/api/v1/admin/patients/1/appointments', null, token)).filter((a) => a.status === 'confirmed' && new Date(a.startTime) > new Date());
    const before = await upcoming();
    await login(page, 'patient', 'john.doe@email.com');
    await nav(page, 'Visits');
    page.on('dialog', (d) => d.accept());
    await page.getByTestId('upcoming').getByRole('button', { name: /^Cancel visit/ }).first().click();
    let answered = false;
    for (let i = 0; i < 20 && (await upcoming()).length >= before.length; i++) {
      const last = page.getByTestId('msg-assistant').last();
      if (!answered && (await last.count()) && /confirm|sure|shall i|would you like|want me to|yes or no/i.test(await last.innerText())) {
        answered = true;
        await page.getByLabel('Your message').fill('Yes, cancel it');
        await page.getByRole('button', { name: 'Send' }).click();
      }
      await page.waitForTimeout(1000);
    }
    if ((await upcoming()).length >= before.length) throw new Error('the visit was not cancelled');
  });

  // ---- hospital portal
  await check('hospital-reception-check-in', async (page) => {
    const admin = await tokenFor('admin@generalhospital.com');
    const now = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    await api('POST', '/api/v1/admin/appointments', { patient_id: 1, provider_name: 'Dr. Chen', reason: 'Browser test visit', date: today, start_time: '23:30', duration_minutes: 15 }, admin);
    await login(page, 'hospital', 'sarah.chen@generalhospital.com');
    await page.getByRole('heading', { name: /Good day, Sarah/ }).waitFor();
    const row = page.getByTestId('visit-table').locator('tr', { hasText: 'Browser test visit' });
    await row.getByRole('button', { name: /^Check in/ }).click();
    await expectText(row, /checked in/);
    await row.getByRole('button', { name: /^Room/ }).click();
    await expectText(row, /in room/);
  });

  await check('hospital-reception-add-patient', async (page) => {
    await login(page, 'hospital', 'sarah.chen@generalhospital.com');
    await nav(page, 'Patients');
    await page.getByRole('button', { name: 'Add patient' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add patient' });
    await dialog.getByLabel('Full name').fill('Grace Hopper');
    await dialog.getByLabel('Phone (optional)').fill('+1 415 555 0142');
    await dialog.getByRole('button', { name: 'Add patient' }).click();
    await page.getByText('Added Grace Hopper.').waitFor();
    await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();
  });

  await check('hospital-nurse', async (page) => {
    await login(page, 'hospital', 'mike.j@generalhospital.com');
    await page.getByRole('heading', { name: 'Escalations' }).waitFor();
    await nav(page, 'Escalations & tasks');
    await page.getByRole('heading', { name: 'Escalations and tasks' }).waitFor();
  });

  await check('hospital-doctor-schedule-and-transcripts', async (page) => {
    await login(page, 'hospital', 'adam.m@generalhospital.com');
    await page.getByRole('heading', { name: 'My schedule' }).waitFor();
    await page.goto(`${base}/hospital/patients/1`);
    await page.getByRole('heading', { name: 'John Doe' }).waitFor();
    await page.getByRole('heading', { name: 'Conversation history' }).waitFor();
    await page.getByRole('heading', { name: 'Visits' }).waitFor();
  });

  await check('hospital-scheduler-availability', async (page) => {
    await login(page, 'hospital', 'emma.w@generalhospital.com');
    await nav(page, 'Availability');
    await page.getByRole('list', { name: 'Slots' }).getByRole('button').first().waitFor();
    const free = page.getByRole('list', { name: 'Slots' }).getByRole('button', { name: /free$/ }).first();
    await free.click();
    await page.getByLabel('Patient').selectOption({ label: 'John Doe' });
    await page.getByRole('button', { name: 'Book visit' }).click();
    await page.getByText(/^Booked /).waitFor();
  });

  await check('hospital-admin-staff', async (page) => {
    await login(page, 'hospital', 'admin@generalhospital.com');
    await nav(page, 'Staff');
    await expectText(page.getByTestId('staff-table').locator('tr'), /Dr\. Adams/);
  });

  await check('hospital-other-tenant-reception', async (page) => {
    await login(page, 'hospital', 'staff@downtownclinic.org');
    await nav(page, 'Patients');
    await page.getByRole('heading', { name: 'Patients' }).waitFor();
    await page.waitForTimeout(500);
    if (await page.getByRole('link', { name: 'John Doe' }).count()) throw new Error('another tenant’s patient is visible');
  });

  await check('keyboard-navigation', async (page) => {
    await page.goto(`${base}/hospital`);
    await page.locator('input[type=email]').waitFor();  // React has rendered the form (a busy machine is slow)
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id ? document.activeElement.type : '')) !== 'email') throw new Error('first Tab does not reach the email field');
    await page.keyboard.type('sarah.chen@generalhospital.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('account').waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent);
    if (first !== 'Skip to content') throw new Error(`first focus is '${first}', not the skip link`);
    await page.keyboard.press('Enter');
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Schedule') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Schedule' }).waitFor();
  });

  await check('mobile-layout', async (page) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await login(page, 'patient', 'john.doe@email.com');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 400) throw new Error(`page scrolls sideways on a phone (${width}px)`);
  });
  // Voice checks run last: closing a WebSocket currently takes the server down (see server-survives-websocket-close).
  await check('patient-voice-text-turn', async (page) => {
    await login(page, 'patient', 'john.doe@email.com');
    await nav(page, 'Voice');
    await expectText(page.getByTestId('voice-status'), /idle/);
    await page.getByLabel('Play replies aloud').uncheck();
    await page.getByLabel('Type instead').fill('What are your opening hours?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.bubble-assistant').first().waitFor({ timeout: 60_000 });
    if (await page.getByRole('alert').count()) throw new Error(await page.getByRole('alert').first().innerText());
  });

  // --web-ports: each app at "/" on its own port, its deep links, and the API and /ws/voice from that port.
  await check('web-ports-apps-at-root', async (page) => {
    for (const [app, title] of [['dashboard', 'AURIXA Operations'], ['patient', 'AURIXA Patient Portal'], ['hospital', 'AURIXA Hospital Portal']]) {
      if (!appBase[app]) throw new Error(`no listening line for the ${app} app`);
      const deep = await page.request.get(`${appBase[app]}/some/deep/route`);
      if (deep.status() !== 200 || !(await deep.text()).includes('<div id="root">')) throw new Error(`${app}: deep route ${deep.status()}`);
      await page.goto(`${appBase[app]}/`);
      await page.getByLabel('Email').waitFor();
      if ((await page.title()) !== title) throw new Error(`${app} port serves '${await page.title()}'`);
    }
  });
  await check('web-ports-patient-voice', async (page) => {
    await page.goto(`${appBase.patient}/`);
    await page.getByLabel('Email').fill('john.doe@email.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click(); // POST /api/v1/auth/login on the patient port
    await page.getByTestId('account').filter({ hasText: 'john.doe@email.com' }).waitFor();
    await nav(page, 'Voice');
    if (new URL(page.url()).pathname !== '/voice') throw new Error(`links keep the gateway prefix: ${page.url()}`);
    await expectText(page.getByTestId('voice-status'), /idle/); // /ws/voice through the patient port
    await page.getByLabel('Play replies aloud').uncheck();
    await page.getByLabel('Type instead').fill('What are your opening hours?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.bubble-assistant').first().waitFor({ timeout: 60_000 });
    await expectText(page.getByTestId('voice-status'), /idle/);
    await page.reload(); // a deep link on the app's own port
    await expectText(page.getByTestId('voice-status'), /idle/);
  });

  // Known gap: the client closing /ws/voice (or /ws/conversation) aborts the server with "free(): invalid pointer"
  // in ~WsMessage inside the asio channel (src/core/http_server.cpp, ChannelWebSocket::receive with use_future).
  await check('server-survives-websocket-close', async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const health = await fetch(`${base}/health`).then((r) => r.status, () => 0);
    if (health !== 200) throw new Error('the server died after the voice page closed its WebSocket');
  });

  // Chromium's fake microphone (a continuous beep) -> MediaRecorder -> WebM/Opus -> {"type":"audio"} over /ws/voice,
  // with "play replies aloud" on. A beep has no words, so the server answers with the text-only "I couldn't
  // transcribe that" reply (no audio): the page must show it and settle, not wait for audio that never comes.
  await check('patient-voice-microphone', async (page) => {
    await page.context().grantPermissions(['microphone']);
    await login(page, 'patient', 'john.doe@email.com');
    await nav(page, 'Voice');
    await expectText(page.getByTestId('voice-status'), /idle/);
    await page.getByRole('button', { name: 'Start speaking' }).click();
    await expectText(page.getByTestId('voice-status'), /listening/);
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: 'Stop and send' }).click();
    await page.waitForFunction(() => /idle|speaking|closed/.test(document.querySelector('[data-testid="voice-status"]')?.textContent ?? ''), null, { timeout: 60_000 });
    const health = await fetch(`${base}/health`).then((r) => r.status, () => 0);
    if (health !== 200) throw new Error('the server died while decoding the recording');
    await expectText(page.getByTestId('voice-status'), /idle|speaking/);
    await page.locator('.bubble-assistant').first().waitFor();
    if (await page.getByRole('alert').count()) throw new Error(await page.getByRole('alert').first().innerText());
  });
}

// ---- main ----------------------------------------------------------------------------------------------------
let server;
const started = Date.now();
try {
  server = await startServer();
  base = `http://127.0.0.1:${server.port}`;
  appBase = Object.fromEntries(Object.entries(server.appPorts).map(([app, port]) => [app, `http://127.0.0.1:${port}`]));
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
  await run();
} catch (e) {
  results.push({ name: 'setup', ok: false, error: String(e?.stack ?? e) });
  console.log(`FAIL setup: ${e?.stack ?? e}`);
} finally {
  await browser?.close().catch(() => {});
  server?.child.kill('SIGTERM');
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
}

// No personal data in browser logs: the demo patient's name and email must never be logged.
const leaks = consoleLines.filter((l) => /john\.doe@email\.com|John Doe/i.test(l.text));
results.push({ name: 'no-personal-data-in-console', ok: leaks.length === 0, error: leaks.map((l) => `${l.check}: ${l.text}`).join('; ') });
const errors = consoleLines.filter((l) => l.type === 'pageerror');
results.push({ name: 'no-uncaught-page-errors', ok: errors.length === 0, error: errors.map((l) => `${l.check}: ${l.text}`).join('; ') });

const failed = results.filter((r) => !r.ok);
for (const r of failed) if (r.name.startsWith('no-')) console.log(`FAIL ${r.name}: ${r.error}`);
if (knownGaps.length) console.log(`known gaps (not counted as failures): ${knownGaps.join('; ')}`);
console.log(`screenshots: ${artifacts}`);
console.log(`web browser tests: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
