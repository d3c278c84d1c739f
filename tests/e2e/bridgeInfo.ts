import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the global setup hands the tests: where the app is and a scratch folder for vaults and files. */
export interface BridgeInfo {
  appUrl: string;
  /** A fresh temp folder; removed at teardown. */
  workDir: string;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Written by the global setup into Playwright's output folder (never committed: out/ is ignored). */
export const bridgeInfoPath = join(repoRoot, 'out', 'e2e', 'bridge.json');

/** Reads the running bridge's address, for a test. */
export async function readBridgeInfo(): Promise<BridgeInfo> {
  return JSON.parse(await readFile(bridgeInfoPath, 'utf8')) as BridgeInfo;
}
