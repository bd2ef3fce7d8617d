// The server process of `mockchat serve` (see server-process.ts): started by the CLI with
// SERVE_NODE_FLAGS, it loads mockchat while the CLI parses the command line, then serves the
// options the CLI sends over IPC, until the CLI asks it to stop (a signal the CLI got) or goes
// away. Without options (the CLI failed, or printed help), it exits when the CLI does, having
// printed nothing.
import { cliErrorText } from './cli-error.js';
import { runServer } from './run-server.js';
import type { ToServer } from './server-process.js';

let stop: ((why: string) => void) | undefined;
let stopAsked: string | undefined;
process.once('disconnect', () => process.exit(0));
process.on('message', (message: ToServer) => {
  if ('stop' in message) {
    if (stop) stop(message.stop);
    else if (stopAsked === undefined) stopAsked = message.stop;
    return;
  }
  process.removeAllListeners('disconnect');
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
