import { describe, expect, it } from 'vitest';
import { UNEMULATED_METHODS } from '../../src/rocketchat/unemulated-methods.js';
import { useMockchat } from '../support/start-mockchat.js';

const meteor = (error: string, reason: string, method: string) => ({ isClientSafe: true, error, reason, message: `${reason} [${error}]`, errorType: 'Meteor.Error', details: { method } });

describe('real Rocket.Chat methods mockchat does not emulate', () => {
  const t = useMockchat();

  const bridge = async (path: string, method: string, headers?: Record<string, string>) => {
    const r = await t.api.post(path, { message: JSON.stringify({ msg: 'method', id: '7', method, params: [] }) }, headers);
    return { status: r.status, message: JSON.parse(r.body.message) };
  };

  it.each(UNEMULATED_METHODS.map((m) => [m]))('%s answers an anonymous caller with Invalid user', async (method) => {
    const r = await bridge(`/api/v1/method.callAnon/${encodeURIComponent(method)}`, method);
    expect(r.status).toBe(200);
    expect(r.message).toEqual({ msg: 'result', id: '7', error: meteor('error-invalid-user', 'Invalid user', method) });
  });

  it('answers a logged-in caller with Not allowed', async () => {
    const headers = await t.api.login('alice', 'alice-password');
    const r = await bridge('/api/v1/method.call/sendMessage', 'sendMessage', headers);
    expect(r.message.error).toEqual(meteor('error-not-allowed', 'Not allowed', 'sendMessage'));
  });

  it('still answers Meteor 404 for a method Rocket.Chat does not have', async () => {
    const r = await bridge('/api/v1/method.callAnon/noSuchMethod', 'noSuchMethod');
    expect(r.message.error).toEqual({ isClientSafe: true, error: 404, reason: "Method 'noSuchMethod' not found", message: "Method 'noSuchMethod' not found [404]", errorType: 'Meteor.Error' });
  });
});
