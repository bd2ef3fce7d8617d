import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RawDdp } from '../support/ddp-client.js';
import { launchChromium } from '../support/browser.js';
import { useMockchat } from '../support/start-mockchat.js';

const jane = { username: 'jane', email: 'jane@example.com', pass: 's3cret!', name: 'Jane' };

describe('dashboard page in a real browser', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  // Registered before useMockchat's hooks, so it runs after them: a failure here never skips the reset.
  afterEach(async () => {
    await page?.close();
    expect(errors.splice(0), 'errors in the page').toEqual([]);
  });
  const t = useMockchat({ users: 30 });

  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(() => browser?.close());

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${t.mock.url}/__mockchat/`);
    await page.locator('#live', { hasText: 'live' }).waitFor();
  });
  afterEach(() => t.mock.journal.clear());

  it('switches the scenario with its control; a REST registration then fails, and the journal shows it live', async () => {
    await page.selectOption('#scenario-select', 'registration-disabled');
    await page.locator('#scenario-active .chip', { hasText: 'registration-disabled' }).waitFor();
    expect(t.mock.scenarios().active).toEqual(['registration-disabled']);

    const res = await fetch(`${t.mock.url}/api/v1/users.register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(jane) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: false, errorType: 'error-user-registration-disabled' });

    const row = page.locator('#journal-body tr[data-operation="registerUser"]');
    await row.waitFor({ timeout: 5000 });
    await expect(row.innerText()).resolves.toMatch(/POST[\s\S]*\/api\/v1\/users\.register[\s\S]*400[\s\S]*error-user-registration-disabled/);
    expect(await row.getAttribute('class')).toContain('failed');
    // the details pane shows the redacted arguments
    await row.click();
    const detail = await page.locator('#journal-detail').innerText();
    expect(JSON.parse(detail)).toMatchObject({ args: { username: 'jane', pass: '[redacted]' }, status: 400 });

    await page.click('#scenario-clear');
    await page.locator('#scenario-active .chip', { hasText: 'base state' }).waitFor();
    expect(t.mock.scenarios().active).toEqual([]);
  });

  it('shows DDP method calls in the journal too, without reload', async () => {
    const ddp = await RawDdp.connect(t.mock.wsUrl);
    t.sockets.push(ddp);
    await ddp.call('registerUser', { email: 'ddp@example.com', pass: 'x', name: 'Ddp User' });
    const row = page.locator('#journal-body tr[data-operation="registerUser"]');
    await row.waitFor({ timeout: 5000 });
    expect(await row.innerText()).toMatch(/DDP[\s\S]*registerUser[\s\S]*result/);
  });

  it('Pause holds new journal rows; Resume shows each held row once', async () => {
    await page.click('#journal-pause');
    expect(await page.locator('#journal-pause').getAttribute('aria-pressed')).toBe('true');
    const names = ['held1', 'held2', 'held3'];
    for (const name of names) {
      const res = await fetch(`${t.mock.url}/api/v1/users.register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: name, email: `${name}@example.com`, pass: 's3cret!', name }),
      });
      expect(res.status).toBe(200);
    }
    const rows = page.locator('#journal-body tr[data-operation="registerUser"]');
    await page.locator('#journal-pause', { hasText: `Resume (${names.length})` }).waitFor({ timeout: 5000 });
    expect(await rows.count()).toBe(0);

    await page.click('#journal-pause');
    await page.locator('#journal-pause', { hasText: /^Pause$/ }).waitFor();
    expect(await page.locator('#journal-pause').getAttribute('aria-pressed')).toBe('false');
    await rows.nth(names.length - 1).waitFor({ timeout: 5000 });
    // One more request after Resume: once its row is in, a held row shown twice would be too.
    const after = await fetch(`${t.mock.url}/api/v1/users.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'after1', email: 'after1@example.com', pass: 's3cret!', name: 'after1' }),
    });
    expect(after.status).toBe(200);
    // Its own row (the journal's newest entry: admin routes are not journaled), not any fourth
    // one: a held row shown twice would also make a fourth.
    const { requests } = (await (await fetch(`${t.mock.url}/__mockchat/requests`)).json()) as { requests: { seq: number }[] };
    await page.locator(`#journal-body tr[data-seq="${requests.at(-1)!.seq}"]`).waitFor({ timeout: 5000 });
    const all = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq'))))).sort((a, b) => a - b);
    expect(all).toHaveLength(names.length + 1);
    const seqs = all.slice(0, -1); // the held rows: every row but the last request's
    expect(seqs).toHaveLength(names.length);
    expect(new Set(seqs).size).toBe(names.length);
  });

  it('searches users (debounced) and pages through them', async () => {
    await page.locator('#users-total', { hasText: /^35 users$/ }).waitFor();
    expect(await page.locator('#users-body tr').count()).toBe(20);
    await page.click('#users-next');
    await page.locator('#users-page', { hasText: 'Page 2 of 2' }).waitFor();
    expect(await page.locator('#users-body tr').count()).toBe(15);

    await page.fill('#users-search', 'admin');
    await page.locator('#users-total', { hasText: /match$/ }).waitFor();
    const usernames = await page.locator('#users-body tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')));
    expect(usernames).toContain('admin');
    await page.fill('#users-search', 'no-such-user-xyz');
    await page.locator('#users-total', { hasText: '0 users match' }).waitFor();
  });

  it('the reset button restores the seeded state; the users table follows a registration live', async () => {
    const before = t.mock.users.count();
    await fetch(`${t.mock.url}/api/v1/users.register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(jane) });
    expect(t.mock.users.count()).toBe(before + 1);
    await page.locator('#users-total', { hasText: `${before + 1} users` }).waitFor();
    t.mock.useScenario('password-policy');

    await page.click('#reset');
    await page.locator('.toast', { hasText: `State reset: ${before} users` }).waitFor();
    expect(t.mock.users.count()).toBe(before);
    expect(t.mock.users.findByUsername('jane')).toBeUndefined();
    expect(t.mock.scenarios().active).toEqual([]);
    await page.locator('#users-total', { hasText: `${before} users` }).waitFor();
  });

  it('the snapshot button takes a snapshot, listed with a restore button that works', async () => {
    await page.click('#snapshot');
    await page.locator('.toast', { hasText: /Snapshot snap-\d+ taken/ }).waitFor();
    const { snapshots } = (await (await fetch(`${t.mock.url}/__mockchat/snapshots`)).json()) as { snapshots: Array<{ id: string; users: number }> };
    expect(snapshots).toHaveLength(1);
    const id = snapshots[0].id;
    await fetch(`${t.mock.url}/api/v1/users.register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(jane) });
    expect(t.mock.users.findByUsername('jane')).toBeDefined();

    await page.locator(`.snapshot[data-id="${id}"] button`).click();
    await page.locator('.toast', { hasText: `Restored ${id}` }).waitFor();
    expect(t.mock.users.findByUsername('jane')).toBeUndefined();
  });
});

describe('dashboard page behind an admin token', () => {
  let browser: Browser;
  let page: Page;
  const t = useMockchat({ adminToken: 'tok-123' });
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(() => browser?.close());
  afterEach(() => page?.close());

  it('is refused without ?token=; with it the page streams the journal and its fetches carry the header', async () => {
    page = await browser.newPage();
    const refused = await page.goto(`${t.mock.url}/__mockchat/`);
    expect(refused?.status()).toBe(401);

    await page.goto(`${t.mock.url}/__mockchat/?token=tok-123`);
    await page.locator('#live', { hasText: 'live' }).waitFor();
    await page.locator('#health', { hasText: `${t.mock.users.count()} users` }).waitFor();
    await page.locator('#users-total', { hasText: `${t.mock.users.count()} users` }).waitFor();
    await page.selectOption('#scenario-select', 'name-required');
    await page.locator('#scenario-active .chip', { hasText: 'name-required' }).waitFor();
    expect(t.mock.scenarios().active).toEqual(['name-required']);
    await fetch(`${t.mock.url}/api/info`);
    await page.locator('#journal-body tr[data-operation="/api/info"]').waitFor();
  });
});
