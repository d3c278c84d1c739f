import type { LimitFunction } from 'p-limit';

/** A file's way from the parsing stage of an import to the storing stage. */
export interface StageGate {
  /**
   * Takes a storing slot, then gives up the parsing slot, so the next file can be read and parsed while
   * this one is encrypted, fsynced and committed. Later calls return the first call's promise.
   */
  enterStoring(): Promise<void>;
}

/**
 * Runs one file of an import through two bounded stages: parsing (reading the file, waiting for and
 * parsing in an extraction worker) and storing (blob writes with their fsyncs, the group commit). With one
 * bound over both, files waiting on the disk held every slot while the workers sat idle (the profile of the
 * corpus import: each worker idle a third of the time). A file holds at most one slot at a time once it
 * has entered storing, so no file waits for a slot held by a file that waits for it; the number of files
 * in memory stays bounded by the two limits together.
 */
export function runInStages<T>(parsing: LimitFunction, storing: LimitFunction, work: (gate: StageGate) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    void parsing(() => new Promise<void>((leaveParsing) => {
      let releaseStoring: (() => void) | undefined;
      let entered: Promise<void> | undefined;
      const gate: StageGate = {
        enterStoring: () => {
          entered ??= new Promise<void>((inStoring) => {
            void storing(() => new Promise<void>((release) => {
              releaseStoring = release;
              leaveParsing();
              inStoring();
            }));
          });
          return entered;
        },
      };
      work(gate).then(resolve, reject).finally(() => {
        releaseStoring?.();
        leaveParsing();
      });
    }));
  });
}
