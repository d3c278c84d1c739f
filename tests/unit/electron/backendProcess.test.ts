import { fork, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src-shared/api/progress.ts';
import { BackendClient } from '../../../src-main/electron/backendClient.ts';
import type { BackendReply, BackendRequest } from '../../../src-main/electron/backendMessages.ts';
import { buildElectron } from '../../../src-main/cli/electronBuild.ts';
import { makePdf } from '../../fixtures/makePdf.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';
import { testPassphrase } from '../../helpers/testVault.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The backend process as the app runs it, but forked by Node instead of Electron's utilityProcess (no
 * Electron binary here): the same entry, the same message protocol, structured clone for the bytes.
 */
function startBackendChild(entry: string, execArgv: string[]): { child: ChildProcess; client: BackendClient } {
  const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, CONTRACT_VAULT_LOCALE: 'zh-CN' } });
  const client = new BackendClient({
    postMessage: (message: BackendRequest) => child.send(message),
    onMessage: (listener: (message: BackendReply) => void) => child.on('message', (message) => listener(message as BackendReply)),
  });
  child.on('exit', () => client.failAll());
  return { child, client };
}

async function exercise(client: BackendClient, dir: string) {
  const vaultDir = join(dir, 'vault');
  const created = await client.invoke('vault.create', { vaultDir, passphrase: testPassphrase, kdf: 'interactive' });
  expect(created).toMatchObject({ ok: true });
  const pdfPath = join(dir, 'lease.pdf');
  const { writeFile } = await import('node:fs/promises');
  const pdf = await makePdf([['Office lease agreement', 'Rent 12,000 per month']]);
  await writeFile(pdfPath, pdf);
  const progress: ProgressEvent[] = [];
  const imported = await client.invoke('contracts.import', { paths: [pdfPath] }, { onProgress: (event) => progress.push(event) });
  expect(imported).toMatchObject({ ok: true });
  expect(progress.length).toBeGreaterThan(0);
  expect(progress.every((p) => p.operation === 'contracts.import')).toBe(true);
  const list = await client.invoke('contracts.list', {});
  if (!list.ok) throw new Error(list.error.message);
  const contract = (list.value as { id: string }[])[0]!;
  const detail = await client.invoke('contracts.get', { id: contract.id });
  if (!detail.ok) throw new Error(detail.error.message);
  const versionId = (detail.value as { files: { versions: { id: string }[] }[] }).files[0]!.versions[0]!.id;
  const viewed = await client.readFileForViewer({ contractId: contract.id, versionId });
  if (!viewed.ok) throw new Error(viewed.error.message);
  // The bytes cross the process boundary as bytes, unchanged.
  expect(Buffer.from(viewed.value.bytes).equals(Buffer.from(pdf))).toBe(true);
  expect(viewed.value.mime).toBe('application/pdf');
  // Errors come back translated in the backend's language.
  const refused = await client.invoke('contracts.get', { id: '0'.repeat(32) });
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONTRACT_NOT_FOUND' } });
  if (!refused.ok) expect(refused.error.message).toMatch(/\p{Script=Han}/u);
  return { contractId: contract.id, versionId };
}

describe('backend process (source entry through tsx)', () => {
  let running: { child: ChildProcess; client: BackendClient } | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    running?.child.kill();
    await cleanup?.();
  });

  it('runs operations off the calling process, streams progress, serves viewer bytes, and locks on shutdown', async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    running = startBackendChild(join(repoRoot, 'src-main/electron/backendProcessMain.ts'), ['--import', 'tsx']);
    const { client, child } = running;
    const ids = await exercise(client, temp.dir);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await client.shutdown();
    expect(await exited).toBe(0);
    // A call after the process is gone is answered at once, not posted into the closed channel.
    expect(await client.readFileForViewer(ids)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await client.invoke('vault.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('cancels a running import by its call id', async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    running = startBackendChild(join(repoRoot, 'src-main/electron/backendProcessMain.ts'), ['--import', 'tsx']);
    const { client } = running;
    expect(await client.invoke('vault.create', { vaultDir: join(temp.dir, 'vault'), passphrase: testPassphrase, kdf: 'interactive' })).toMatchObject({ ok: true });
    const { writeFile } = await import('node:fs/promises');
    const paths = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const path = join(temp.dir, `c${i}.txt`);
      await writeFile(path, `Contract number ${i} 合同 ${'terms '.repeat(200)}`);
      return path;
    }));
    let cancelled = false;
    const result = await client.invoke('contracts.import', { paths }, {
      callId: 'import-1',
      onProgress: () => {
        if (!cancelled) {
          cancelled = true;
          client.cancel('import-1');
        }
      },
    });
    expect(cancelled).toBe(true);
    const listed = await client.invoke('contracts.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    // Cancelled after the first file: what was committed stays, the rest was not imported.
    expect((listed.value as unknown[]).length).toBeLessThan(paths.length);
    expect(result.ok ? 'ok' : result.error.code).toMatch(/^(ok|IMPORT_CANCELLED)$/u);
  });
});

describe('backend process (the bundle the app ships)', () => {
  const outDir = join(repoRoot, 'dist', `electron-test-${process.pid}`);
  beforeAll(async () => {
    await buildElectron(outDir);
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });
  let running: { child: ChildProcess; client: BackendClient } | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    running?.child.kill();
    await cleanup?.();
  });

  it('runs from dist/electron with its ingest worker beside it (a PDF import goes through the bundled worker)', async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    running = startBackendChild(join(outDir, 'backend.mjs'), []);
    await exercise(running.client, temp.dir);
    await running.client.shutdown();
  });
});
