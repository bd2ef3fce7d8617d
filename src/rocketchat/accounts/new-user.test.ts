import { describe, expect, it } from 'vitest';
import { Workspace } from '../workspace.js';
import { insertUser } from './new-user.js';

/** Every object reachable from `value` that is not frozen, by path. */
function unfrozen(value: unknown, path = 'user'): string[] {
  if (value === null || typeof value !== 'object') return [];
  const own = Object.isFrozen(value) ? [] : [path];
  return own.concat(...Object.entries(value).map(([k, v]) => unfrozen(v, `${path}.${k}`)));
}

describe('insertUser stores a deep-frozen document', () => {
  it('a registration (frozen part by part, without the generic walk)', () => {
    const ws = new Workspace();
    const user = insertUser(ws, { email: 'a@example.com', password: 'x', name: 'A', username: 'a' });
    expect(unfrozen(user)).toEqual([]);
    expect(unfrozen(ws.users.get(user._id))).toEqual([]);
    expect(() => (user.emails[0]!.verified = true)).toThrow(TypeError);
    expect(() => user.roles.push('admin')).toThrow(TypeError);
  });

  it('a user without email or password (an anonymous one)', () => {
    const ws = new Workspace();
    expect(unfrozen(insertUser(ws, { roles: ['anonymous'], active: true }))).toEqual([]);
  });

  it('a user a prepare hook added nested fields to', () => {
    const ws = new Workspace();
    const user = insertUser(ws, { email: 'b@example.com', password: 'x' }, (u) => {
      u.customFields = { nested: { deep: ['x'] } };
      u.roles.push('teacher');
      u.settings.preferences = { language: 'de' };
    });
    expect(user.settings).toEqual({ preferences: { language: 'de' } });
    expect(user.roles).toContain('teacher');
    expect(unfrozen(user)).toEqual([]);
    // The hook had its own roles: the shared default array is untouched.
    expect(ws.defaultRoles()).not.toContain('teacher');
  });
});

describe('the clock: one frozen Date per millisecond', () => {
  it('users registered in the same millisecond share it; the next millisecond gets its own', () => {
    let ms = Date.UTC(2026, 10, 23, 12, 0, 0, 1);
    const ws = new Workspace({}, () => ms);
    const a = insertUser(ws, { email: 'a@example.com', password: 'x' });
    const b = insertUser(ws, { email: 'b@example.com', password: 'x' });
    expect(b.createdAt).toBe(a.createdAt);
    expect(a.createdAt.toISOString()).toBe('2026-11-23T12:00:00.001Z');
    expect(Object.isFrozen(a.createdAt)).toBe(true);
    ms += 1;
    const c = insertUser(ws, { email: 'c@example.com', password: 'x' });
    expect(c.createdAt).not.toBe(a.createdAt);
    expect(c.createdAt.getTime()).toBe(ms);
    expect(a.createdAt.getTime()).toBe(ms - 1);
  });

  it('a clock that goes back (a test clock) still gets its own Date', () => {
    let ms = 5_000;
    const ws = new Workspace({}, () => ms);
    const first = ws.now();
    ms = 1_000;
    expect(ws.now().getTime()).toBe(1_000);
    ms = 5_000;
    expect(ws.now().getTime()).toBe(5_000);
    expect(first.getTime()).toBe(5_000);
  });
});

describe('a scenario view of the workspace', () => {
  it('registers through the same clock (the view reaches it through the prototype)', () => {
    const ms = Date.UTC(2026, 10, 23);
    const ws = new Workspace({}, () => ms);
    const view = ws.withLayer({ settings: { Accounts_ManuallyApproveNewUsers: true } });
    const user = insertUser(view, { email: 'v@example.com', password: 'x' });
    expect(user.createdAt).toBe(ws.now());
    expect(user.active).toBe(false);
    expect(ws.users.get(user._id)).toBe(user);
  });
});
