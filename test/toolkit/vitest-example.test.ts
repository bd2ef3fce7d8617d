// Runs the documented vitest example (docs/examples/vitest.example.test.ts) as part of this suite:
// importing it registers its describe/it blocks in this file.
import '../../docs/examples/vitest.example.test.js';
