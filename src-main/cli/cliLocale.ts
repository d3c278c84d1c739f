import { resolveLocale, type Locale } from '../../src-shared/i18n/translate.ts';

/** The CLI's language: --lang, else CVAULT_LANG, else the POSIX locale variables, else English. */
export function cliLocale(argv: readonly string[], env: NodeJS.ProcessEnv): Locale {
  const index = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const fromFlag = index < 0 ? undefined : argv[index]?.includes('=') ? argv[index]?.split('=')[1] : argv[index + 1];
  return resolveLocale(fromFlag ?? env.CVAULT_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG);
}
