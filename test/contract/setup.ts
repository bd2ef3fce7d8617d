import { afterAll, afterEach } from 'vitest';
import { failOnViolations } from './violations.js';

// Contract run only (vitest.contract.config.ts): a test fails if any response it caused broke a
// spec. Registered first, these hooks run after the test file's own (hooks run as a stack), so
// requests made in its afterEach / afterAll are judged too.
afterEach(failOnViolations);
afterAll(failOnViolations);
