import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockchat, type Mockchat } from '../../src/index.js';
import { startContractFront, type ContractFront } from './contract-front.js';
import { writeContractSpec } from './contract-spec.js';
import { startPrismProxy, type PrismProxy } from './prism-proxy.js';
import { startUpstreamRelay, type UpstreamRelay } from './upstream-relay.js';
import { failOnViolations, takeViolations } from './violations.js';

/**
 * The contract run must catch a response that breaks the spec. Same mockchat, same request,
 * two Prism proxies: one with specs/rocketchat.rest.yaml as it is, one with a deliberately
 * broken copy (users.register 200 requires a property mockchat never sends; its 400 is
 * no longer documented; /api/info is missing).
 */
describe('a deliberately broken spec fails the contract run', () => {
  const SPEC = resolve('specs/rocketchat.rest.yaml');
  let dir: string;
  let mock: Mockchat;
  let relay: UpstreamRelay;
  const proxies: PrismProxy[] = [];
  const fronts: ContractFront[] = [];
  let intact: ContractFront;
  let broken: ContractFront;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mockchat-broken-spec-'));
    mock = await createMockchat({ port: 0, logLevel: 'silent' });
    relay = await startUpstreamRelay();
    const specs = await Promise.all([
      writeContractSpec(SPEC, join(dir, 'intact')),
      writeContractSpec(SPEC, join(dir, 'broken'), (doc) => {
        const responses = (doc.paths as any)['/api/v1/users.register'].post.responses;
        responses['200'].content['application/json'].schema.required.push('contractCanary');
        delete responses['400'];
        delete (doc.paths as any)['/api/info'];
      }),
    ]);
    proxies.push(...(await Promise.all(specs.map((spec) => startPrismProxy(spec, relay.url)))));
    for (const p of proxies) fronts.push(await startContractFront(mock.port, { rocketchat: p.url, selfcommunity: p.url, admin: p.url }));
    [intact, broken] = fronts;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(fronts.map((f) => f.close()));
    await Promise.all(proxies.map((p) => p.close()));
    await relay?.close();
    await mock?.close();
    await rm(dir, { recursive: true, force: true });
    takeViolations();
  });

  const register = (front: ContractFront, body: Record<string, string>) =>
    fetch(`${front.url}/api/v1/users.register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const user = (n: number) => ({ username: `contract.${n}`, email: `contract.${n}@example.com`, pass: 'Secret-pass-1', name: `Contract ${n}` });

  it('the intact spec passes a registration and a validation error', async () => {
    takeViolations();
    expect((await register(intact, user(1))).status).toBe(200);
    expect((await register(intact, { username: 'x' })).status).toBe(400);
    expect(takeViolations()).toEqual([]);
    expect(failOnViolations).not.toThrow();
  });

  it('a response missing a required property is an error: Prism answers 500 and the test fails', async () => {
    takeViolations();
    const res = await register(broken, user(2));
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ type: expect.stringMatching(/VIOLATIONS$/) });
    expect(mock.users.findByUsername('contract.2')).toBeDefined(); // mockchat did answer; Prism refused its answer
    const [violation, ...more] = takeViolations();
    expect(more).toEqual([]);
    expect(violation).toMatchObject({ method: 'POST', path: '/api/v1/users.register', status: 500 });
    expect(violation.detail).toContain('contractCanary');

    await register(broken, user(3));
    expect(failOnViolations).toThrow(/broke the spec[\s\S]*users\.register -> 500[\s\S]*contractCanary/);
  });

  it('an undocumented status is a warning in Prism, and still fails the test', async () => {
    takeViolations();
    const res = await register(broken, { username: 'x' });
    expect(res.status).toBe(400); // Prism passes mockchat's answer on, with an sl-violations header
    expect(res.headers.get('sl-violations')).toMatch(/Unable to match the returned status code/);
    expect(failOnViolations).toThrow(/users\.register -> 400[\s\S]*Warning/);
  });

  it('an operation mockchat serves but the spec lacks fails the test; an unknown route does not', async () => {
    takeViolations();
    expect((await fetch(`${intact.url}/api/info`)).status).toBe(200);
    expect((await fetch(`${broken.url}/api/v1/no.such.route`)).status).toBe(404);
    expect(failOnViolations).not.toThrow();
    expect((await fetch(`${broken.url}/api/info`)).status).toBe(200); // answered by mockchat directly
    expect(failOnViolations).toThrow(/GET \/api\/info -> 200: mockchat serves this operation but the spec does not list it/);
  });
});
