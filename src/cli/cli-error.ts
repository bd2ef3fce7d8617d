import { MockchatConfigError } from '../errors.js';

/** How the CLI reports a failed command on stderr, before it exits 1. */
export function cliErrorText(error: Error | undefined, message?: string): string {
  if (error instanceof MockchatConfigError) return `${error.message}\n`;
  if (error) return `[mockchat] ${error.message}\n`;
  return `[mockchat] ${message}\nRun \`mockchat --help\` for usage.\n`;
}
