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
