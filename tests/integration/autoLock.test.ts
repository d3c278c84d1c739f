import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../src-main/core/backend.ts';
import { makeTempDir } from '../helpers/tempDir.ts';
import { expectError, expectOk, testPassphrase } from '../helpers/testVault.ts';

/** A backend on a clock the test moves by hand, with its own timer off (the test asks when to look). */
async function vaultOnClock() {
  const temp = await makeTempDir();
  let now = 1_000_000;
  const backend = new Backend({ actor: 'tester', locale: 'en', now: () => now, idleCheckMs: 0 });
  const vaultDir = join(temp.dir, 'vault');
  expectOk(await backend.invoke('vault.create', { vaultDir, passphrase: testPassphrase, kdf: 'interactive' }));
  return {
    backend, vaultDir,
    advanceMinutes: (minutes: number) => { now += minutes * 60_000; },
    cleanup: async () => { await backend.dispose(); await temp.cleanup(); },
  };
}

describe('auto-lock after the idle time the user set', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => { await cleanup?.(); cleanup = undefined; });

  it('locks after 15 minutes by default, not before, and records it in the audit log', async () => {
    const vault = await vaultOnClock();
    cleanup = vault.cleanup;
    expect(expectOk(await vault.backend.invoke('settings.get', {})).autoLockMinutes).toBe(15);
    vault.advanceMinutes(14);
    expect(await vault.backend.lockIfIdle()).toBe(false);
    // Polling the status is not activity: the renderer does it all day.
    expectOk(await vault.backend.invoke('vault.status', {}));
    vault.advanceMinutes(1);
    expect(await vault.backend.lockIfIdle()).toBe(true);
    expect(expectOk(await vault.backend.invoke('vault.status', {})).unlocked).toBe(false);
    expectError(await vault.backend.invoke('customers.list', {}), 'VAULT_LOCKED');
    expectOk(await vault.backend.invoke('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase }));
    const actions = expectOk(await vault.backend.invoke('audit.list', {})).map((event) => event.action);
    expect(actions).toContain('vault.autoLock');
  });

  it('counts any call as activity, follows the setting, and never locks when it is 0', async () => {
    const vault = await vaultOnClock();
    cleanup = vault.cleanup;
    expectOk(await vault.backend.invoke('settings.update', { autoLockMinutes: 2 }));
    vault.advanceMinutes(1.5);
    expectOk(await vault.backend.invoke('customers.list', {}));
    vault.advanceMinutes(1.5);
    expect(await vault.backend.lockIfIdle()).toBe(false);
    vault.advanceMinutes(0.5);
    expect(await vault.backend.lockIfIdle()).toBe(true);
    expectOk(await vault.backend.invoke('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase }));
    expectOk(await vault.backend.invoke('settings.update', { autoLockMinutes: 0 }));
    vault.advanceMinutes(60 * 24 * 7);
    expect(await vault.backend.lockIfIdle()).toBe(false);
    expectError(await vault.backend.invoke('settings.update', { autoLockMinutes: 1441 }), 'INVALID_INPUT');
  });

  it('does not lock while a call is still running', async () => {
    const vault = await vaultOnClock();
    cleanup = vault.cleanup;
    expectOk(await vault.backend.invoke('settings.update', { autoLockMinutes: 1 }));
    // vault.verify re-checks the whole vault: long enough to look at the idle time while it runs.
    const running = vault.backend.invoke('vault.verify', {});
    vault.advanceMinutes(5);
    expect(await vault.backend.lockIfIdle()).toBe(false);
    expectOk(await running);
    vault.advanceMinutes(1);
    expect(await vault.backend.lockIfIdle()).toBe(true);
  });
});
