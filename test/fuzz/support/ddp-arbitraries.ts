import fc from 'fast-check';

/** One generated client frame: text (usually JSON), binary, or bytes that are not UTF-8 sent as text. */
export type DdpFrame = { kind: 'text'; data: string } | { kind: 'binary'; data: Uint8Array } | { kind: 'bad-utf8'; data: Uint8Array };

const METHODS = ['registerUser', 'login', 'logout', 'setUsername', 'getUsernameSuggestion', 'checkRegistrationSecretURL', 'public-settings/get', 'createDirectMessage', 'nope'];
const MSGS = ['connect', 'ping', 'pong', 'method', 'sub', 'unsub', 'nosub', 'result', 'ready', 'added', 'foo', ''];
const name = fc.stringMatching(/^[a-z][a-z0-9._-]{1,10}$/);
const email = name.map((n) => `${n}@example.com`);

/** Plausible params per method, so generated calls reach the workspace (and create users). */
const params = fc.oneof(
  fc.tuple(fc.record({ email, pass: fc.constantFrom('Fuzz-Pass-1', ''), name: fc.string({ maxLength: 10 }), username: name }, { requiredKeys: [] })),
  fc.tuple(fc.record({ user: fc.record({ username: fc.oneof(name, fc.constant('admin')) }), password: fc.oneof(fc.constant('admin'), fc.string({ maxLength: 8 }), fc.record({ digest: fc.string(), algorithm: fc.constant('sha-256') })) })),
  fc.tuple(fc.record({ resume: fc.string({ maxLength: 43 }) })),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(fc.record({ $date: fc.oneof(fc.integer(), fc.string()) }), { maxLength: 2 }),
  fc.array(fc.record({ $binary: fc.string({ maxLength: 8 }) }), { maxLength: 2 }),
  fc.array(fc.record({ $type: fc.string({ maxLength: 6 }), $value: fc.jsonValue({ maxDepth: 1 }) }), { maxLength: 2 }),
);

const id = fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: 6 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });

/** DDP-shaped objects with right and wrong field types. */
const shaped = fc.record(
  {
    msg: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...MSGS) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
    id,
    method: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...METHODS) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
    name: fc.oneof(fc.constantFrom('meteor.loginServiceConfiguration', 'meteor_autoupdate_clientVersions', 'userData', 'x'), fc.jsonValue({ maxDepth: 1 })),
    params,
    randomSeed: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
    version: fc.oneof(fc.constantFrom('1', 'pre1', 'pre2', '2'), fc.jsonValue({ maxDepth: 1 })),
    support: fc.oneof(fc.constant(['1']), fc.jsonValue({ maxDepth: 2 })),
  },
  { requiredKeys: ['msg'] },
);

const deep = fc.tuple(fc.integer({ min: 10, max: 3000 }), fc.constantFrom('params', 'id', 'x')).map(([d, key]) => {
  const inner = `${'['.repeat(d)}${']'.repeat(d)}`;
  return `{"msg":"method","id":"d","method":"registerUser","${key}":${key === 'params' ? `[${inner}]` : inner}}`;
});

/** Frames: shaped messages (most), arbitrary JSON, junk text, huge strings, deep nesting, binary, invalid UTF-8, rarely over the 1 MiB frame limit. */
export const ddpFrames: fc.Arbitrary<DdpFrame> = fc.oneof(
  { weight: 12, arbitrary: shaped.map((m) => ({ kind: 'text' as const, data: JSON.stringify(m) })) },
  { weight: 3, arbitrary: fc.jsonValue().map((v) => ({ kind: 'text' as const, data: JSON.stringify(v) })) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }).map((data) => ({ kind: 'text' as const, data })) },
  { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 500_000 }).map((n) => ({ kind: 'text' as const, data: JSON.stringify({ msg: 'method', id: 'h', method: 'registerUser', params: [{ email: 'x'.repeat(n), pass: 'p', name: 'n' }] }) })) },
  { weight: 1, arbitrary: deep.map((data) => ({ kind: 'text' as const, data })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((data) => ({ kind: 'binary' as const, data })) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 16 }).map((b) => ({ kind: 'bad-utf8' as const, data: Uint8Array.from([...b, 0xff, 0xfe]) })) },
  { weight: 1, arbitrary: fc.nat(50).map((n) => (n === 0 ? { kind: 'text' as const, data: 'x'.repeat(1024 * 1024 + 1) } : { kind: 'text' as const, data: '{"msg":"ping"}' })) },
);
