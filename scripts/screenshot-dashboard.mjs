#!/usr/bin/env node
// Writes docs/dashboard.png: mockchat with generated users and some REST and DDP traffic,
// the dashboard open in Debian's chromium (CHROMIUM_PATH to override). Run `npm run docs:screenshot`.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { createMockchat } from '../dist/index.js';

const out = fileURLToPath(new URL('../docs/dashboard.png', import.meta.url));
const mock = await createMockchat({ port: 0, logLevel: 'silent', users: 1200, seed: 7 });
const rest = (path, body, headers = {}) =>
  fetch(`${mock.url}${path}`, { method: body ? 'POST' : 'GET', headers: { 'content-type': 'application/json', ...headers }, body: body && JSON.stringify(body) });
const user = (name) => ({ username: name, email: `${name}@example.com`, pass: 'Secr3t!pass', name: name[0].toUpperCase() + name.slice(1) });

/** One DDP method call over a raw WebSocket. */
function ddpCall(method, params) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(mock.wsUrl);
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ msg: 'connect', version: '1', support: ['1'] })));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data));
      if (m.msg === 'connected') ws.send(JSON.stringify({ msg: 'method', id: '1', method, params }));
      if (m.msg === 'result') {
        ws.close();
        resolve(m);
      }
    });
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  await rest('/api/info');
  await rest('/api/v1/users.register', user('jane'));
  await rest('/api/v1/users.register', user('jane'));
  await ddpCall('registerUser', [{ email: 'omar@example.com', pass: 'Secr3t!pass', name: 'Omar' }]);
  await rest('/api/v1/login', { user: 'jane', password: 'Secr3t!pass' });
  await ddpCall('login', [{ user: { username: 'jane' }, password: { digest: 'wrong', algorithm: 'sha-256' } }]);
  await rest('/api/v1/users.register', user('kai'), { 'x-mockchat-sandbox': 'worker-1' });
  await rest('/api/v1/users.register', { username: 'x', email: 'nope' });
  await fetch(`${mock.url}/__mockchat/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"before-signup-tests"}' });

  const page = await browser.newPage({ viewport: { width: 1440, height: 940 }, deviceScaleFactor: 1 });
  await page.goto(`${mock.url}/__mockchat/`);
  await page.locator('#live', { hasText: 'live' }).waitFor();
  await page.selectOption('#scenario-select', 'registration-disabled');
  await page.locator('#scenario-active .chip', { hasText: 'registration-disabled' }).waitFor();
  await rest('/api/v1/users.register', user('lena'));
  await ddpCall('registerUser', [{ email: 'lena@example.com', pass: 'Secr3t!pass', name: 'Lena' }]);
  await page.locator('#journal-body tr').nth(9).waitFor({ state: 'attached' });
  await page.locator('#journal-body tr').first().click();
  await page.locator('.toast').last().waitFor({ state: 'detached', timeout: 10_000 });
  await page.screenshot({ path: out, fullPage: true });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await browser.close();
  await mock.close();
}
