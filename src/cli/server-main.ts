// The server process of `mockchat serve` (see server-process.ts): started by the CLI with
// SERVE_NODE_FLAGS, it loads mockchat while the CLI parses the command line, then serves the
// options the CLI sends over IPC. Without a message (the CLI failed, or printed help), it
// exits when the CLI does, having printed nothing.
import { cliErrorText } from './cli-error.js';
import { runServer, type ServeRun } from './run-server.js';

process.once('disconnect', () => process.exit(0));
process.once('message', (run: ServeRun) => {
  process.removeAllListeners('disconnect');
  runServer(run).catch((error: Error) => {
    process.stderr.write(cliErrorText(error));
    process.exit(1);
  });
});
