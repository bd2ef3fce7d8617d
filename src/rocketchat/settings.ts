/**
 * Rocket.Chat settings that shape registration and login, with the real server's defaults
 * (apps/meteor/server/settings/{accounts,general,rate}.ts, 7.x line).
 */
export type SettingValue = string | number | boolean;

export interface SettingDefinition {
  _id: string;
  type: 'string' | 'int' | 'boolean' | 'select' | 'code';
  value: SettingValue;
  /** Exposed by `GET /api/v1/settings.public` (what a sign-up form reads). */
  public?: boolean;
  /** Allowed values for `select` settings. */
  values?: string[];
}

const s = (_id: string, type: SettingDefinition['type'], value: SettingValue, extra: Partial<SettingDefinition> = {}): SettingDefinition => ({ _id, type, value, ...extra });

export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  s('Accounts_RegistrationForm', 'select', 'Public', { public: true, values: ['Public', 'Disabled', 'Secret URL'] }),
  s('Accounts_RegistrationForm_SecretURL', 'string', ''),
  s('Accounts_RegistrationForm_LinkReplacementText', 'string', 'New user registration is currently disabled', { public: true }),
  s('Accounts_RequireNameForSignUp', 'boolean', true, { public: true }),
  s('Accounts_RequirePasswordConfirmation', 'boolean', true, { public: true }),
  s('Accounts_EmailVerification', 'boolean', false, { public: true }),
  s('Accounts_ManuallyApproveNewUsers', 'boolean', false, { public: true }),
  s('Accounts_AllowedDomainsList', 'string', '', { public: true }),
  s('Accounts_BlockedDomainsList', 'string', ''),
  s('Accounts_UseDefaultBlockedDomainsList', 'boolean', true),
  s('Accounts_UseDNSDomainCheck', 'boolean', false),
  s('Accounts_BlockedUsernameList', 'string', ''),
  s('Accounts_SystemBlockedUsernameList', 'string', 'admin,administrator,system,user'),
  s('Accounts_Registration_Users_Default_Roles', 'string', 'user'),
  s('Accounts_AllowUsernameChange', 'boolean', true, { public: true }),
  s('Accounts_CustomFields', 'code', '', { public: true }),
  s('Accounts_AllowAnonymousRead', 'boolean', false, { public: true }),
  s('Accounts_AllowAnonymousWrite', 'boolean', false, { public: true }),
  s('Accounts_LoginExpiration', 'int', 90),
  s('Accounts_PasswordReset', 'boolean', true, { public: true }),
  s('Accounts_Password_Policy_Enabled', 'boolean', false, { public: true }),
  s('Accounts_Password_Policy_MinLength', 'int', 7, { public: true }),
  s('Accounts_Password_Policy_MaxLength', 'int', -1, { public: true }),
  s('Accounts_Password_Policy_ForbidRepeatingCharacters', 'boolean', true, { public: true }),
  s('Accounts_Password_Policy_ForbidRepeatingCharactersCount', 'int', 3, { public: true }),
  s('Accounts_Password_Policy_AtLeastOneLowercase', 'boolean', true, { public: true }),
  s('Accounts_Password_Policy_AtLeastOneUppercase', 'boolean', true, { public: true }),
  s('Accounts_Password_Policy_AtLeastOneNumber', 'boolean', true, { public: true }),
  s('Accounts_Password_Policy_AtLeastOneSpecialCharacter', 'boolean', true, { public: true }),
  s('Block_Multiple_Failed_Logins_Enabled', 'boolean', true),
  s('Block_Multiple_Failed_Logins_By_User', 'boolean', true),
  s('Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User', 'int', 10),
  s('Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes', 'int', 5),
  s('UTF8_User_Names_Validation', 'string', '[0-9a-zA-Z-_.]+', { public: true }),
  s('API_Enable_Rate_Limiter', 'boolean', true),
  s('API_Enable_Rate_Limiter_Limit_Calls_Default', 'int', 10),
  s('API_Enable_Rate_Limiter_Limit_Time_Default', 'int', 60000),
  s('Rate_Limiter_Limit_RegisterUser', 'int', 1),
  s('Site_Name', 'string', 'Rocket.Chat', { public: true }),
  s('Site_Url', 'string', 'http://localhost:3000', { public: true }),
  s('Language', 'string', '', { public: true }),
];

/**
 * The live settings of one workspace: base values (defaults, seed, admin changes) under an
 * optional layer of scenario overrides. `withLayer()` makes a view that shares the base
 * values with its own layer, so a per-request scenario sees live admin changes and never
 * leaks into other requests.
 */
export class Settings {
  readonly #base: Map<string, SettingValue>;
  /** Shared with layered views, so a change made through a view reaches the owner's listener. */
  readonly #hooks: { onChange?: (id: string, value: SettingValue | undefined) => void };
  #layer = new Map<string, SettingValue>();
  readonly #defs = new Map<string, SettingDefinition>();
  readonly #derived = new Map<string, { value: SettingValue | undefined; result: unknown }>();

  constructor(overrides: Record<string, SettingValue> = {}, shared?: { base: Map<string, SettingValue>; hooks: Settings['hooks'] }) {
    for (const def of SETTING_DEFINITIONS) this.#defs.set(def._id, def);
    this.#base = shared?.base ?? new Map();
    this.#hooks = shared?.hooks ?? {};
    if (!shared) this.reset(overrides);
  }

  /** `hooks.onChange` is called after `set()` and `remove()` (value undefined), not after `reset()`: its caller reports that. */
  get hooks(): { onChange?: (id: string, value: SettingValue | undefined) => void } {
    return this.#hooks;
  }

  /** Reset base values to the defaults plus `overrides` (the layer is kept). */
  reset(overrides: Record<string, SettingValue> = {}): void {
    this.#base.clear();
    for (const def of this.#defs.values()) this.#base.set(def._id, def.value);
    for (const [id, value] of Object.entries(overrides)) this.#base.set(id, value);
  }

  /** Replace this object's scenario layer. */
  setLayer(overrides: Record<string, SettingValue> = {}): void {
    this.#layer = new Map(Object.entries(overrides));
  }

  /** A view over the same base values with its own scenario layer. */
  withLayer(overrides: Record<string, SettingValue>): Settings {
    const view = new Settings({}, { base: this.#base, hooks: this.#hooks });
    view.setLayer(overrides);
    return view;
  }

  has(id: string): boolean {
    return this.#base.has(id) || this.#layer.has(id);
  }

  get(id: string): SettingValue | undefined {
    // Most reads have no scenario layer: one Map lookup instead of two (registerUser reads ~10).
    return this.#layer.size !== 0 && this.#layer.has(id) ? this.#layer.get(id) : this.#base.get(id);
  }

  string(id: string): string {
    const v = this.get(id);
    return v === undefined ? '' : String(v);
  }

  number(id: string): number {
    return Number(this.get(id) ?? 0);
  }

  bool(id: string): boolean {
    return this.get(id) === true;
  }

  /** Change a base value (what `POST /api/v1/settings/:_id` does); a scenario layer still wins. */
  set(id: string, value: SettingValue): void {
    this.#base.set(id, value);
    this.#hooks.onChange?.(id, value);
  }

  /** Drop a base value that has no definition (a seed reload removed it); defined settings go back to their default with `set`. */
  remove(id: string): void {
    this.#base.delete(id);
    this.#hooks.onChange?.(id, undefined);
  }

  /**
   * A value computed from one setting (a compiled regex, parsed JSON), recomputed only when
   * that setting changes. Keeps per-request work O(1) without module-level caches.
   */
  derived<T>(id: string, compute: (value: SettingValue | undefined) => T): T {
    const value = this.get(id);
    const hit = this.#derived.get(id);
    if (hit && hit.value === value) return hit.result as T;
    const result = compute(value);
    this.#derived.set(id, { value, result });
    return result;
  }

  /**
   * A comma-separated list setting (blocked usernames, allowed or blocked email domains) as a
   * set of its trimmed, lower-cased items, parsed once per value of the setting.
   */
  lowerCaseList(id: string): ReadonlySet<string> {
    return this.derived(id, parseLowerCaseList);
  }

  /** Effective values (base under layer). */
  entries(): Array<[string, SettingValue]> {
    return [...new Map([...this.#base, ...this.#layer])];
  }

  publicIds(): string[] {
    return [...this.#defs.values()].filter((d) => d.public).map((d) => d._id);
  }

  /** Base values only: what snapshots and persistence keep (scenarios are not state). */
  toJSON(): Record<string, SettingValue> {
    return Object.fromEntries(this.#base);
  }
}

/** `Accounts_Default_User_Preferences_*`: merged into `me.settings.preferences`. */
export const DEFAULT_PREFERENCES: Readonly<Record<string, unknown>> = {
  desktopNotifications: 'all',
  pushNotifications: 'all',
  emailNotificationMode: 'mentions',
  newRoomNotification: 'door',
  newMessageNotification: 'chime',
  idleTimeLimit: 300,
  enableAutoAway: true,
  sendOnEnter: 'normal',
  themeAppearence: 'auto',
  sidebarViewMode: 'medium',
  sidebarSortby: 'activity',
  useEmojis: true,
  convertAsciiEmoji: true,
  autoImageLoad: true,
  saveMobileBandwidth: true,
  collapseMediaByDefault: false,
  unreadAlert: true,
  notificationsSoundVolume: 100,
  hideUsernames: false,
  hideRoles: false,
  displayAvatars: true,
  sidebarShowFavorites: true,
  sidebarShowUnread: false,
  sidebarGroupByType: true,
};

const parseLowerCaseList = (value: SettingValue | undefined): ReadonlySet<string> =>
  new Set(
    (value === undefined ? '' : String(value))
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== ''),
  );
