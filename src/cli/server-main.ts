// The server process of `mockchat serve` (see server-process.ts): started by the CLI with
// SERVE_NODE_FLAGS, it loads mockchat while the CLI parses the command line, then serves the
// options the CLI sends over IPC, until the CLI asks it to stop (a signal the CLI got) or goes
// away. Without options (the CLI failed, or printed help), it exits when the CLI does, having
// printed nothing.
import { cliErrorText } from './cli-error.js';
import { runServer } from './run-server.js';
import type { ToServer } from './server-process.js';

let started = false;
let stop: ((why: string) => void) | undefined;
let stopAsked: string | undefined;
/** Stop now if serving, as soon as the server is up if it is starting, at once before any options. */
const stopWith = (why: string) => {
  if (stop) stop(why);
  else if (started) stopAsked ??= why;
  else process.exit(0);
};
// Also while the server starts: a CLI killed then must not leave it running.
process.once('disconnect', () => stopWith('the mockchat CLI process exited'));
process.on('message', (message: ToServer) => {
  if ('stop' in message) return stopWith(message.stop);
  started = true;
  runServer(message.run).then(
    (close) => {
      stop = close;
      if (stopAsked !== undefined) close(stopAsked);
    },
    (error: Error) => {
      process.stderr.write(cliErrorText(error));
      process.exit(1);
    },
  );
});
