import { afterEach } from 'vitest';
import { describeViolations, takeViolations } from './violations.js';

// Contract run only (vitest.contract.config.ts): a test fails if any response it caused broke a spec.
afterEach(() => {
  const violations = takeViolations();
  if (violations.length > 0) throw new Error(describeViolations(violations));
});
