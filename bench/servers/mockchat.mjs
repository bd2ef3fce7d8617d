// mockchat in its default configuration (stateful, validated, hashed, indexed, journaled)
// through the public API, so the bench can set the DDP heartbeat. Prints `listening PORT` and
// `seeded MS`. Usage: node bench/servers/mockchat.mjs [users] [ddpHeartbeatIntervalMs]
import { createMockchat } from '../../dist/index.js';

const users = Number(process.argv[2] ?? 0);
const heartbeat = Number(process.argv[3] ?? 15_000);
const t0 = performance.now();
const mock = await createMockchat({ port: 0, users, logLevel: 'error', ddpHeartbeatInterval: heartbeat, ddpHeartbeatTimeout: heartbeat });
process.stdout.write(`seeded ${Math.round(performance.now() - t0)}\nlistening ${mock.port}\n`);
process.on('SIGTERM', () => void mock.close().then(() => process.exit(0)));
