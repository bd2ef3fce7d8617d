import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256 } from '../store/sha256.js';

/**
 * Password storage. Rocket.Chat stores bcrypt(sha256hex(password)) so that a DDP login
 * sending `{digest, algorithm: 'sha-256'}` and a REST login sending the plain password
 * check the same hash. mockchat keeps that shape but uses a salted SHA-256 instead of
 * bcrypt: a mock must not spend 60 ms of CPU per registration (see docs/decisions/0002).
 *
 *   hash = sha256(salt ‖ sha256hex(password))
 *
 * The plain password is never stored, logged or returned.
 */
export interface PasswordHash {
  algorithm: 'sha256-salted';
  salt: string;
  hash: string;
}

export type PasswordInput = string | { digest: string; algorithm: string };

/** SHA-256 hex digest of the UTF-8 password: what Meteor clients send as `password.digest`. */
export function digestOf(password: string): string {
  return sha256(password, 'hex');
}

/** Hash a password with a random salt (pass one from a pooled source on hot paths). */
export function hashPassword(password: string, salt: string = randomBytes(12).toString('base64')): PasswordHash {
  return hashDigest(digestOf(password), salt);
}

/**
 * The same hash from the password's SHA-256 hex digest. The seeder computes the digest of
 * the shared generated password once and salts it per user: every stored hash is exactly
 * what `hashPassword` would give with that salt.
 */
export function hashDigest(digest: string, salt: string): PasswordHash {
  return { algorithm: 'sha256-salted', salt, hash: saltedHash(salt, digest) };
}

/** Check a plain password or a `{digest, algorithm: 'sha-256'}` against a stored hash. */
export function verifyPassword(stored: PasswordHash | undefined, input: PasswordInput): boolean {
  if (!stored) return false;
  const digest = typeof input === 'string' ? digestOf(input) : input.digest.toLowerCase();
  const a = Buffer.from(saltedHash(stored.salt, digest), 'base64');
  const b = Buffer.from(stored.hash, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

function saltedHash(salt: string, digest: string): string {
  // sha256(salt ‖ digest): the same bytes as update(salt).update(digest).
  return sha256(salt + digest, 'base64');
}
