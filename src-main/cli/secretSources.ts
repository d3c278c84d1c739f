import { readFile } from 'node:fs/promises';
import { AppError } from '../../src-shared/api/appError.ts';
import { translate, type Locale } from '../../src-shared/i18n/translate.ts';
import { promptHidden } from './hiddenPrompt.ts';
import { errnoReason } from '../../src-shared/api/errorReasons.ts';

/** Reads a secret from a file given on the command line: first line, without its line ending. */
export async function readSecretFile(path: string): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    return text.split(/\r?\n/)[0] ?? '';
  } catch (error) {
    throw new AppError('FILE_UNREADABLE', { file: path, detail: errnoReason((error as NodeJS.ErrnoException).code) }, { cause: error });
  }
}

/** The vault passphrase: --passphrase-file, else CVAULT_PASSPHRASE, else a hidden prompt. */
export async function currentPassphrase(locale: Locale, file: string | undefined): Promise<string> {
  if (file !== undefined) return readSecretFile(file);
  const fromEnv = process.env.CVAULT_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return promptHidden(translate(locale, 'cli.prompt.passphrase'));
}

/** The recovery key, from --recovery-key-file or CVAULT_RECOVERY_KEY, if the user chose that way in. */
export async function recoveryKeyIfGiven(file: string | undefined): Promise<string | undefined> {
  if (file !== undefined) return readSecretFile(file);
  const fromEnv = process.env.CVAULT_RECOVERY_KEY;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined;
}

/**
 * A new passphrase: from the given file or environment variable for scripts, else typed twice at a
 * hidden prompt (a typo in a passphrase nobody can see would lock the firm out of its vault).
 */
export async function newPassphrase(locale: Locale, file: string | undefined, envName: string): Promise<string> {
  if (file !== undefined) return readSecretFile(file);
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const first = await promptHidden(translate(locale, 'cli.prompt.newPassphrase'));
  const second = await promptHidden(translate(locale, 'cli.prompt.confirmPassphrase'));
  if (first !== second) throw new AppError('PASSPHRASE_MISMATCH');
  return first;
}
