import { extname, isAbsolute } from 'node:path';

/** The extension of a backup file, which the OS hands to the app when the user opens one. */
export const backupExtension = '.cvbackup';

/**
 * The backup file among a launch's (or a second launch's) command-line arguments, if any: an absolute
 * path ending in `.cvbackup` that is not a switch. Windows and Linux pass opened files this way;
 * macOS sends `open-file` events instead (main.ts).
 */
export function backupFileFromArgv(argv: readonly string[]): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (extname(arg).toLowerCase() === backupExtension && isAbsolute(arg)) return arg;
  }
  return null;
}
