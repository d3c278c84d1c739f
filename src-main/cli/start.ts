import { translate } from '../../src-shared/i18n/translate.ts';
import { cliLocale } from './cliLocale.ts';
import { electronBinaryPath } from './electronAvailability.ts';
import { runCli } from './main.ts';

/**
 * `npm start`: the desktop app where Electron's binary is present (the shell lands with its own issue);
 * here, where the binary cannot be downloaded, one clear line and the command line's help instead.
 */
export async function start(argv: readonly string[]): Promise<number> {
  const locale = cliLocale(argv, process.env);
  if (electronBinaryPath() === null) process.stderr.write(`${translate(locale, 'cli.start.noElectron')}\n`);
  return runCli(['--help']);
}
