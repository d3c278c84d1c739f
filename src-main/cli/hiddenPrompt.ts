import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { AppError } from '../../src-shared/api/appError.ts';

/**
 * Asks for a secret on the terminal without echoing it. Without a terminal (a script, CI) it refuses
 * instead of hanging on a read that will never be answered.
 */
export async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new AppError('PASSPHRASE_REQUIRED');
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
