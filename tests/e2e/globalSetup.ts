import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend } from '../../src-main/core/backend.ts';
import { startWebBridge } from '../../src-main/web/webBridge.ts';
import { makeTempDir } from '../helpers/tempDir.ts';
import { bridgeInfoPath, type BridgeInfo } from './bridgeInfo.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const rendererDir = join(repoRoot, 'dist', 'renderer');

/**
 * Starts the loopback bridge in this process with a fresh Backend over the built renderer, and
 * tells the tests its URL. It builds nothing itself: a stale or missing build would test the wrong app
 * silently, so a missing one fails here with what to run.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (no ${join(rendererDir, 'index.html')}): run \`npm run build:renderer\` before \`npm run test:e2e\`.`);
  }
  const work = await makeTempDir('cvault-e2e-');
  const backend = new Backend({ actor: 'e2e', locale: 'en' });
  const bridge = await startWebBridge({ backend, staticDir: rendererDir });
  const info: BridgeInfo = { appUrl: bridge.appUrl, workDir: work.dir };
  await mkdir(dirname(bridgeInfoPath), { recursive: true });
  await writeFile(bridgeInfoPath, JSON.stringify(info));
  return async () => {
    await bridge.close();
    await backend.dispose();
    await work.cleanup();
  };
}
