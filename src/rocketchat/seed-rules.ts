import { isDeepStrictEqual } from 'node:util';
import { MockchatConfigError } from '../errors.js';
import { DEFAULT_PERMISSIONS } from './permissions.js';
import type { SeedFile } from './seed.js';
import { SETTING_DEFINITIONS, type SettingValue } from './settings.js';
import type { Workspace, WorkspaceState } from './workspace.js';

/** The base rules a seed gives a workspace: every setting and permission, defaults included. */
export interface SeedRules {
  settings: Record<string, SettingValue>;
  permissions: Record<string, string[]>;
}

/** What changed between two seeds' rules; `undefined` means the key is gone from the new seed. */
export interface RuleChanges {
  settings: Record<string, SettingValue | undefined>;
  permissions: Record<string, string[] | undefined>;
}

const DEFAULT_SETTINGS: Record<string, SettingValue> = Object.fromEntries(SETTING_DEFINITIONS.map((d) => [d._id, d.value]));

/**
 * A seed's rules over Rocket.Chat's defaults, with option `overrides` (`settings`) winning.
 * Throws `MOCKCHAT_ERR_SEED` when `settings` or `permissions` has the wrong shape.
 */
export function seedRules(seed: SeedFile, overrides: Record<string, SettingValue> = {}): SeedRules {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const fail = (message: string) => {
    throw new MockchatConfigError('MOCKCHAT_ERR_SEED', message);
  };
  if (seed.settings !== undefined) {
    if (!isObject(seed.settings)) fail('"settings" must be an object');
    for (const [id, v] of Object.entries(seed.settings!)) if (!['string', 'number', 'boolean'].includes(typeof v)) fail(`settings.${id} must be a string, number or boolean`);
  }
  if (seed.permissions !== undefined) {
    if (!isObject(seed.permissions)) fail('"permissions" must be an object');
    for (const [id, v] of Object.entries(seed.permissions!)) if (!Array.isArray(v) || v.some((r) => typeof r !== 'string')) fail(`permissions.${id} must be a list of role names`);
  }
  return {
    settings: { ...DEFAULT_SETTINGS, ...seed.settings, ...overrides },
    permissions: { ...DEFAULT_PERMISSIONS, ...seed.permissions },
  };
}

/** The settings and permissions whose base value differs between `before` and `after`. */
export function ruleChanges(before: SeedRules, after: SeedRules): RuleChanges {
  const diff = <T>(a: Record<string, T>, b: Record<string, T>): Record<string, T | undefined> =>
    Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !isDeepStrictEqual(a[k], b[k])).map((k) => [k, b[k]]));
  return { settings: diff(before.settings, after.settings), permissions: diff(before.permissions, after.permissions) };
}

/**
 * Write changed seed rules as a workspace's new base values. Only the changed keys are
 * written, so settings an admin changed at run time keep their values; users, tokens and the
 * scenario layer are untouched.
 */
export function applyRuleChanges(ws: Workspace, changes: RuleChanges): void {
  for (const [id, value] of Object.entries(changes.settings)) {
    if (value === undefined) ws.settings.remove(id);
    else ws.settings.set(id, value);
  }
  for (const [id, roles] of Object.entries(changes.permissions)) {
    if (roles === undefined) ws.permissions.remove(id);
    else ws.permissions.set(id, roles);
  }
}

/** The same changes written into a saved state (the `initial` state reset and new sandboxes start from). */
export function applyRuleChangesToState(state: WorkspaceState, changes: RuleChanges): void {
  for (const [id, value] of Object.entries(changes.settings)) {
    if (value === undefined) delete state.settings[id];
    else state.settings[id] = value;
  }
  for (const [id, roles] of Object.entries(changes.permissions)) {
    if (roles === undefined) delete state.permissions[id];
    else state.permissions[id] = [...roles];
  }
}
