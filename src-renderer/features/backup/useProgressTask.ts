import { useCallback, useState } from 'react';
import type { ProgressEvent } from '../../../src-shared/api/progress.ts';
import { bytePercent } from './backupSecret.ts';

/** One long backup operation at a time on a card: whether it runs, and its percentage from the operation's progress events. */
export function useProgressTask() {
  const [running, setRunning] = useState(false);
  const [percent, setPercent] = useState<number | null>(null);
  const run = useCallback(async <T,>(work: (onProgress: (event: ProgressEvent) => void) => Promise<T>): Promise<T> => {
    setRunning(true);
    setPercent(0);
    try {
      const result = await work((event) => setPercent(bytePercent(event.done, event.total)));
      setPercent(100);
      return result;
    } finally {
      setRunning(false);
    }
  }, []);
  return { running, percent, run };
}
