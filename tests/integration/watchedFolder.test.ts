import { mkdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import type { ImportOutcome } from '../../src-shared/model/importResult.ts';
import { makePdf } from '../fixtures/makePdf.ts';
import { createTestVault } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

/** Runs watch.run until `until` says the collected outcomes are complete, then cancels it. */
async function watchUntil(vault: Vault, id: string, act: () => Promise<void>, until: (outcomes: ImportOutcome[]) => boolean) {
  const controller = new AbortController();
  const outcomes: ImportOutcome[] = [];
  let settle: () => void = () => undefined;
  const enough = new Promise<void>((resolve) => { settle = resolve; });
  const onProgress = (event: ProgressEvent) => {
    outcomes.push(...(event.outcomes ?? []));
    if (until(outcomes)) settle();
  };
  const running = vault.backend.invoke('watch.run', { id, stabilityMs: 300 }, { signal: controller.signal, onProgress });
  await new Promise((r) => setTimeout(r, 400));
  await act();
  const timeout = setTimeout(settle, 20_000);
  await enough;
  clearTimeout(timeout);
  controller.abort();
  const result = await running;
  if (!result.ok) throw new Error(result.error.message);
  return outcomes;
}

describe('watched folders', () => {
  let vault: Vault;
  let folder: string;
  beforeEach(async () => {
    vault = await createTestVault();
    folder = join(vault.root, 'Dropbox', 'Contracts');
    await mkdir(folder, { recursive: true });
  });
  afterEach(async () => { await vault.cleanup(); });

  it('imports new files once complete, a changed file as a new version, and after a restart only what changed meanwhile', async () => {
    const customer = await vault.call('customers.add', { name: 'Acme Ltd' });
    const watched = await vault.call('watch.add', { path: folder, customer: 'Acme Ltd' });
    expect(watched).toMatchObject({ path: folder, customerId: customer.id });
    expect((await vault.call('watch.add', { path: folder })).id).toBe(watched.id);

    const pdfA = await makePdf([['Agreement A']]);
    const first = await watchUntil(vault, watched.id, async () => {
      // Written in pieces while the watcher runs: it must wait for the last piece.
      const target = join(folder, 'a.pdf');
      await writeFile(target, pdfA.subarray(0, 200));
      for (let offset = 200; offset < pdfA.length; offset += 400) {
        await new Promise((r) => setTimeout(r, 100));
        await appendFile(target, pdfA.subarray(offset, offset + 400));
      }
      await writeFile(join(folder, '~$a.docx'), 'office lock file');
      await writeFile(join(folder, 'b.pdf.crdownload'), 'partial download');
    }, (o) => o.length >= 1);
    expect(first.map((o) => [o.status, o.file.split('/').at(-1)])).toEqual([['imported', 'a.pdf']]);
    const contracts = await vault.call('contracts.list', {});
    expect(contracts.map((c) => c.customerId)).toEqual([customer.id]);
    const contractId = contracts[0]?.id ?? '';

    // While nothing watches: a.pdf changes, c.pdf arrives.
    await writeFile(join(folder, 'a.pdf'), await makePdf([['Agreement A, amended']]));
    await writeFile(join(folder, 'c.pdf'), await makePdf([['Agreement C']]));
    const second = await watchUntil(vault, watched.id, async () => undefined, (o) => o.length >= 2);
    expect(second.map((o) => `${o.status}:${o.file.split('/').at(-1)}`).sort()).toEqual(['imported:c.pdf', 'new-version:a.pdf']);
    const detail = await vault.call('contracts.get', { id: contractId });
    expect(detail.files[0]?.versions.map((v) => v.versionNo)).toEqual([2, 1]);

    // Nothing changed: a third run imports nothing; a deleted file is forgotten, its contract kept.
    await rm(join(folder, 'c.pdf'));
    const third = await watchUntil(vault, watched.id, async () => {
      await new Promise((r) => setTimeout(r, 1500));
    }, () => false);
    expect(third).toEqual([]);
    expect((await vault.call('watch.list', {}))[0]?.knownFiles).toBe(1);
    expect((await vault.call('contracts.list', {})).length).toBe(2);
    await vault.call('watch.remove', { id: watched.id });
    expect(await vault.call('watch.list', {})).toEqual([]);
  });

  it('refuses a folder that does not exist', async () => {
    const result = await vault.backend.invoke('watch.add', { path: join(vault.root, 'nope') });
    expect(!result.ok && result.error.code).toBe('WATCH_FOLDER_NOT_FOUND');
  });
});
