import { describe, expect, it } from 'vitest';
import { Workspace } from '../rocketchat/workspace.js';
import { randomIds } from '../store/ids.js';
import { Community } from '../selfcommunity/community.js';
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
});
