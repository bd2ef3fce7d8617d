import { describe, expect, it } from 'vitest';
import { Workspace } from '../rocketchat/workspace.js';
import { randomIds } from '../store/ids.js';
import { Community, insertScUser } from '../selfcommunity/community.js';
import { DataCache } from './data-cache.js';
import type { Tenant } from './tenants.js';

describe('DataCache', () => {
  const tenant = () => ({ workspace: new Workspace(), community: new Community() }) as unknown as Tenant;

  it('keeps the projection across logins and logouts (tokens are not in it), and drops it on a setting change', () => {
    const t = tenant();
    const cache = new DataCache(t);
    const first = cache.view();
    const { token } = t.workspace.tokens.issue('someone', randomIds(), new Date());
    expect(cache.view()).toBe(first);
    t.workspace.tokens.revoke(token);
    expect(cache.view()).toBe(first);
    t.workspace.settings.set('Site_Name', 'Changed');
    expect(cache.view()).not.toBe(first);
  });

  it('keeps the projection across SelfCommunity validation codes and invites (not in it), and drops it on a community user change', () => {
    const t = tenant();
    const cache = new DataCache(t);
    const first = cache.view();
    t.community.putValidationCode({ code: 'c0de', userId: '1', purpose: 'verify' });
    expect(cache.view()).toBe(first);
    t.community.dropValidationCode('c0de');
    expect(cache.view()).toBe(first);
    t.community.inviteCodes.set('inv1', { id: 1, code: 'inv1', invited_by: null, name: 'Invited', email: 'invited@example.com', role: null, generated_at: '2024-01-01T00:00:00.000Z', used_at: null, user: null });
    t.community.useInvite('inv1', 1, '2024-01-02T00:00:00.000Z');
    expect(cache.view()).toBe(first);
    expect(insertScUser(t.community, { username: 'someone', email: 'someone@example.com', password: 'p4ss-word' }).user).toBeDefined();
    expect(cache.view()).not.toBe(first);
  });
});
