// The server process of `mockchat serve` (see server-process.ts): started by the CLI with
// SERVE_NODE_FLAGS, it loads mockchat while the CLI parses the command line, then serves the
// options the CLI sends over IPC, until the CLI asks it to stop (a signal the CLI got) or goes
// away. Without options (the CLI failed, or printed help), it exits when the CLI does, having
// printed nothing.
import { cliErrorText } from './cli-error.js';
import { runServer } from './run-server.js';
import type { ToServer } from './server-process.js';

let serving: Promise<(why: string) => void> | undefined;
/** Stop the server once it is up (at once if it is), or exit now if it was never asked to start. */
const stopWith = (why: string) => {
  if (serving) void serving.then((close) => close(why), () => {});
  else process.exit(0);
};
// Also while the server starts: a CLI killed then must not leave it running.
process.once('disconnect', () => stopWith('the mockchat CLI process exited'));
process.on('message', (message: ToServer) => {
  if ('stop' in message) return stopWith(message.stop);
  serving = runServer(message.run);
  serving.catch((error: Error) => {
    process.stderr.write(cliErrorText(error));
    process.exit(1);
  });
});
