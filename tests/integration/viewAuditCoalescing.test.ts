import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VIEW_COALESCE_MS } from '../../src-main/core/services/viewAudit.ts';
import { createTestVault, expectOk, testPassphrase } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

/** Decision 0020: a repeat of the same read by the same person within 10 minutes writes no new audit event. */
describe('view audit events are coalesced within a window, on a real vault', () => {
  let vault: Vault;
  let contractId = '';
  let versionId = '';
  beforeEach(async () => {
    // Only Date is faked (the audit times and the window); timers and the KDF run for real.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
    vault = await createTestVault();
    const [imported] = await vault.call('contracts.importBytes', { files: [{ name: 'lease.txt', base64: Buffer.from('Lease agreement, rent 1000 per month').toString('base64') }] });
    if (imported?.status !== 'imported') throw new Error('import failed');
    contractId = imported.contractId;
    versionId = imported.versionId;
  });
  afterEach(async () => {
    await vault.cleanup();
    vi.useRealTimers();
  });

  const actions = async () => (await vault.call('audit.list', { recordId: contractId })).map((e) => e.action);
  const count = async (action: string) => (await actions()).filter((a) => a === action).length;
  const advance = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));

  it('opening a contract page again and again within 10 minutes writes one contract.view; after the window, one more', async () => {
    for (let i = 0; i < 5; i += 1) await vault.call('contracts.get', { id: contractId });
    expect(await count('contract.view')).toBe(1);
    advance(VIEW_COALESCE_MS - 1000);
    await vault.call('contracts.get', { id: contractId });
    expect(await count('contract.view')).toBe(1);
    advance(2000);
    await vault.call('contracts.get', { id: contractId });
    expect(await count('contract.view')).toBe(2);
    // The window runs from the last written event, so a steady reader is on record every 10 minutes.
    advance(VIEW_COALESCE_MS / 2);
    await vault.call('contracts.get', { id: contractId });
    expect(await count('contract.view')).toBe(2);
  });

  it('content reads stay audited per kind and version; repeats are skipped; changes and exports are never coalesced', async () => {
    await vault.call('files.text', { contractId, versionId });
    await vault.call('files.text', { contractId, versionId });
    await vault.call('files.content', { contractId, versionId });
    await vault.call('files.content', { contractId, versionId });
    expect(await count('file.viewText')).toBe(1);
    expect(await count('file.view')).toBe(1);

    await vault.call('contracts.update', { id: contractId, notes: 'first' });
    await vault.call('contracts.update', { id: contractId, notes: 'second' });
    expect(await count('contract.update')).toBe(2);
    const outDir = vault.root;
    await vault.call('files.export', { contractId, outPath: `${outDir}/a.txt` });
    await vault.call('files.export', { contractId, outPath: `${outDir}/b.txt` });
    expect(await count('file.export')).toBe(2);

    // A new session (lock, unlock) writes the next view again.
    expectOk(await vault.backend.invoke('vault.lock', {}));
    expectOk(await vault.backend.invoke('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase }));
    await vault.call('files.text', { contractId, versionId });
    expect(await count('file.viewText')).toBe(2);
    // Nothing was rewritten: the chain verifies.
    expect((await vault.call('vault.verify', {})).ok).toBe(true);
  });
});
