import { describe, expect, it } from 'vitest';
import { digestOf, hashPassword, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('verifies the plain password and its SHA-256 digest against one salted hash', () => {
    const stored = hashPassword('s3cret!');
    expect(verifyPassword(stored, 's3cret!')).toBe(true);
    expect(verifyPassword(stored, { digest: digestOf('s3cret!'), algorithm: 'sha-256' })).toBe(true);
    expect(verifyPassword(stored, { digest: digestOf('s3cret!').toUpperCase(), algorithm: 'sha-256' })).toBe(true);
    expect(verifyPassword(stored, 'S3cret!')).toBe(false);
    expect(verifyPassword(undefined, 's3cret!')).toBe(false);
  });

  it('never stores the password or its digest, and salts every hash', () => {
    const a = hashPassword('same');
    const b = hashPassword('same');
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain('same');
    expect(JSON.stringify(a)).not.toContain(digestOf('same'));
  });

  it('digestOf is the lowercase hex SHA-256 Meteor clients send', () => {
    expect(digestOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes fast enough not to dominate a request (< 50 µs each)', () => {
    const t = performance.now();
    for (let i = 0; i < 2000; i++) hashPassword(`pw${i}`);
    expect((performance.now() - t) / 2000).toBeLessThan(0.05);
  });
});
