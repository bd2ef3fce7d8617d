import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { insertUser } from '../rocketchat/accounts/new-user.js';
import { Workspace } from '../rocketchat/workspace.js';
import { Community } from '../selfcommunity/community.js';
import { Persistence } from './persistence.js';

const dir = mkdtempSync(join(tmpdir(), 'mockchat-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logger = createLogger('silent');
let n = 0;

function openFresh(compactBytes?: number) {
  const file = join(dir, `p-${++n}.json`);
  const ws = new Workspace();
  const store = Persistence.open({ file, logger, compactBytes }, ws, new Community());
  return { file, ws, store };
}
const add = (ws: Workspace, username: string) => insertUser(ws, { username, email: `${username}@example.com`, password: 'p' });
const logLines = (file: string) => readFileSync(`${file}.log`, 'utf8').trim().split('\n');
const reopen = (file: string) => {
  const ws = new Workspace();
  const store = Persistence.open({ file, logger }, ws, new Community());
  return { ws, store };
};

describe('Persistence', () => {
  it('appends one line per change and folds the log into the file when it outgrows the limit', () => {
    const { file, ws, store } = openFresh(4000);
    add(ws, 'u0');
    expect(logLines(file)).toHaveLength(2); // header + the user
    for (let i = 1; i < 40; i++) add(ws, `u${i}`);
    // compacted at least once: the log restarted, the file holds the users written before
    expect(logLines(file).length).toBeLessThan(40);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { users: Array<{ username: string }> };
    expect(saved.users.length + logLines(file).length - 1).toBe(40);
    store.close();
    expect(reopen(file).ws.users.size).toBe(40);
  });

  it('logs removed settings and permissions (a seed reload dropping a key), so a replay drops them too', () => {
    const { file, ws } = openFresh();
    ws.settings.set('Custom_Seed_Key', 'x');
    ws.permissions.set('custom-permission', ['admin']);
    ws.settings.remove('Custom_Seed_Key');
    ws.permissions.remove('custom-permission');
    // Not closed: the replay of the log is what restores the state (as after kill -9).
    const after = reopen(file).ws;
    expect(after.settings.toJSON()).not.toHaveProperty('Custom_Seed_Key');
    expect(after.permissions.toJSON()).not.toHaveProperty('custom-permission');
  });

  it('logs SelfCommunity invite-code use and validation codes sent and used, so a replay has them', () => {
    const file = join(dir, `p-${++n}.json`);
    const community = new Community();
    community.inviteCodes.set('INV', { id: 1, invited_by: 1, name: '', email: '', role: null, generated_at: '2026-01-01', used_at: null, user: null, code: 'INV' });
    Persistence.open({ file, logger }, new Workspace(), community);
    community.useInvite('INV', 7, '2026-02-02T00:00:00.000Z');
    community.putValidationCode({ code: 'kept', userId: '7', purpose: 'verify' });
    community.putValidationCode({ code: 'used', userId: '7', purpose: 'reset' });
    community.dropValidationCode('used');
    // Not closed: only the log carries these (as after kill -9).
    const back = new Community();
    Persistence.open({ file, logger }, new Workspace(), back).close();
    expect(back.inviteCodes.get('INV')).toMatchObject({ used_at: '2026-02-02T00:00:00.000Z', user: 7 });
    expect([...back.validationCodes.keys()]).toEqual(['kept']);
  });

  it('skips a log left by a crash during compaction (older generation)', () => {
    const { file, ws, store } = openFresh();
    add(ws, 'before');
    const log = readFileSync(`${file}.log`, 'utf8');
    store.close(); // compaction: the file now has 'before' and a newer generation
    add(ws, 'ignored-after-close');
    ws.users.delete(ws.findByUsername('before')!._id);
    // the old log comes back, as if the process died between the rename and the truncation
    writeFileSync(`${file}.log`, `${log}{"ud":"${JSON.parse(log.split('\n')[1]).u._id}"}\n`);
    const { ws: back, store: again } = reopen(file);
    expect(back.findByUsername('before')).toBeDefined();
    expect(back.findByUsername('ignored-after-close')).toBeUndefined();
    again.close();
  });

  it('writes nothing after close, and close twice is safe', () => {
    const { file, ws, store } = openFresh();
    store.close();
    const before = readFileSync(file, 'utf8');
    add(ws, 'late');
    store.close();
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(logLines(file)).toHaveLength(1);
  });
});
