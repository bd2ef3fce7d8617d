import { afterEach } from 'vitest';
import { failOnViolations } from './violations.js';

// Contract run only (vitest.contract.config.ts): a test fails if any response it caused broke a spec.
afterEach(failOnViolations);
