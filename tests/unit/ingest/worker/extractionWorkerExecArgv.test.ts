import { describe, expect, it } from 'vitest';
import { extractionWorkerExecArgv } from '../../../../src-main/core/ingest/worker/extractionWorkerSource.ts';

const bundle = new URL('data:text/javascript;base64,AA==');
const bootstrap = new URL('file:///app/extractionWorkerBootstrap.mjs');

describe('the Node options of an extraction worker', () => {
  it('drops a tsx preload for the in-memory bundle, in every spelling, and keeps everything else', () => {
    expect(extractionWorkerExecArgv(bundle, ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir=/tmp/p'])).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/p']);
    expect(extractionWorkerExecArgv(bundle, ['--import=tsx/esm', '--require', '/x/node_modules/tsx/dist/cjs/index.cjs', '--enable-source-maps']))
      .toEqual(['--enable-source-maps']);
    expect(extractionWorkerExecArgv(bundle, ['--import', './my-tsx-free-hook.mjs', '--import', 'tsx'])).toEqual(['--import', './my-tsx-free-hook.mjs']);
  });

  it('leaves the options alone (inherited) when there is no tsx or the worker starts from the tsx bootstrap', () => {
    expect(extractionWorkerExecArgv(bundle, ['--enable-source-maps'])).toBeUndefined();
    expect(extractionWorkerExecArgv(bootstrap, ['--import', 'tsx'])).toBeUndefined();
  });
});
