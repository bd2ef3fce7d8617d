import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { PrismTargets } from './contract-front.js';
import { writeContractSpec } from './contract-spec.js';
import { startPrismProxy, type PrismProxy } from './prism-proxy.js';
import { startUpstreamRelay } from './upstream-relay.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set in the contract run only: the Prism proxy per spec (see docs/contract.md). */
    contractPrism: PrismTargets | undefined;
  }
}

const SPECS: Record<keyof PrismTargets, string> = {
  rocketchat: 'specs/rocketchat.rest.yaml',
  selfcommunity: 'specs/selfcommunity.rest.yaml',
  admin: 'specs/mockchat.admin.yaml',
};

/**
 * The contract run's global setup: one relay and one `prism proxy` per spec for all test files,
 * started once (Prism takes ~2 s of CPU to start) and stopped at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'mockchat-contract-'));
  const relay = await startUpstreamRelay();
  const proxies: PrismProxy[] = [];
  const stop = async () => {
    if (relay.relayed > 0) console.log(`contract run: Prism checked ${relay.relayed} responses against specs/`);
    await Promise.all(proxies.map((p) => p.close()));
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const entries = Object.entries(SPECS) as [keyof PrismTargets, string][];
    const started = await Promise.all(
      entries.map(async ([name, spec]) => {
        const proxy = await startPrismProxy(await writeContractSpec(resolve(spec), dir), relay.url);
        proxies.push(proxy);
        return [name, proxy.url] as const;
      }),
    );
    project.provide('contractPrism', Object.fromEntries(started) as unknown as PrismTargets);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
