import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopChannels, type DesktopEvent } from '../../../src-shared/api/desktopBridge.ts';
import type { ProgressEvent } from '../../../src-shared/api/progress.ts';
import { createIpcRouter, isTrustedSender, type DesktopHandlers, type IpcSenderEvent } from '../../../src-main/electron/ipcRouter.ts';
import { createDesktopBridge, type PreloadIpc } from '../../../src-main/electron/preloadBridge.ts';
import { createApiClient } from '../../../src-renderer/api/apiClient.ts';
import { createIpcTransport, findDesktopBridge } from '../../../src-renderer/api/ipcTransport.ts';
import { TransportError } from '../../../src-renderer/api/transport.ts';
import { createTestVault } from '../../helpers/testVault.ts';

type TestVault = Awaited<ReturnType<typeof createTestVault>>;

/**
 * Stands in for Electron's IPC plumbing only (no binary here): one sender whose frame and origin the
 * test chooses, delivering to the real router; the backend behind it is a real Backend on a temp vault.
 */
function wire(vault: TestVault, frame: { url: string; parent: unknown } | null, opts: { webContentsId?: number } = {}) {
  const events = new EventEmitter();
  const sender: IpcSenderEvent['sender'] = { id: opts.webContentsId ?? 7, send: (channel, event) => events.emit(channel, {}, event), isDestroyed: () => false };
  const desktopCalls: string[] = [];
  const desktop: DesktopHandlers = {
    'desktop.chooseVaultFolder': async () => ({ path: '/chosen' }),
    'desktop.chooseImportFiles': async () => ({ paths: [] }),
    'desktop.openExternal': async (input) => {
      desktopCalls.push(input.url);
      return { opened: false };
    },
    'desktop.setLocale': async (input) => ({ locale: input.locale }),
    'desktop.chooseBackupFile': async () => ({ path: '/chosen.cvbackup' }),
  };
  const cancelled: string[] = [];
  const router = createIpcRouter({
    backend: {
      invoke: (name, input, options) => vault.backend.invoke(name, input, { onProgress: options.onProgress }),
      cancel: (callId) => cancelled.push(callId),
    },
    desktop,
    isAppWebContents: (id) => id === 7,
    locale: () => 'en',
  });
  const event: IpcSenderEvent = { senderFrame: frame, sender };
  const ipc: PreloadIpc = {
    invoke: async (channel, ...args) => router.route(channel, event, args),
    send: (channel, ...args) => void router.route(channel, event, args),
    on: (channel, listener) => events.on(channel, listener),
    removeListener: (channel, listener) => events.removeListener(channel, listener),
  };
  return { router, event, ipc, desktopCalls, cancelled, bridge: createDesktopBridge(ipc, () => '/dropped/file.pdf') };
}

describe('IPC router, preload bridge and the renderer IPC transport', () => {
  let vault: TestVault;
  beforeAll(async () => {
    vault = await createTestVault();
  });
  afterAll(async () => {
    await vault.cleanup();
  });
  const appFrame = { url: 'app://app/index.html', parent: null };

  it('runs typed operations end to end, with progress routed to its own call', async () => {
    const { bridge } = wire(vault, appFrame);
    const api = createApiClient(createIpcTransport(bridge));
    const status = await api.invoke('vault.status', {});
    expect(status).toMatchObject({ ok: true, value: { unlocked: true } });
    const progress: ProgressEvent[] = [];
    const paths = [await vault.writeInput('a.txt', 'Contract A 合同'), await vault.writeInput('b.txt', 'Contract B 合同')];
    const imported = await api.invoke('contracts.import', { paths }, { onProgress: (event) => progress.push(event) });
    expect(imported.ok).toBe(true);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((p) => p.operation === 'contracts.import')).toBe(true);
    // Bad input is refused at the door, as over HTTP.
    expect(await api.invoke('contracts.get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Desktop operations are answered by the main process, validated first.
    expect(await bridge.invoke('desktop.chooseVaultFolder', {}, 'c1')).toEqual({ ok: true, value: { path: '/chosen' } });
    expect(await bridge.invoke('desktop.setLocale', { locale: 'fr' }, 'c2')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(bridge.pathForFile({})).toBe('/dropped/file.pdf');
  });

  it('refuses calls from a foreign frame, an iframe, another window, or no frame', async () => {
    const foreign = [
      { frame: { url: 'https://evil.example/', parent: null }, id: 7 },
      { frame: { url: 'app://app.evil/index.html', parent: null }, id: 7 },
      { frame: { url: 'app://appx/index.html', parent: null }, id: 7 },
      { frame: { url: 'file:///etc/passwd', parent: null }, id: 7 },
      { frame: { url: 'app://app/index.html', parent: { url: 'app://app/index.html' } }, id: 7 },
      { frame: { url: 'app://app/index.html', parent: null }, id: 8 },
      { frame: null, id: 7 },
    ];
    for (const { frame, id } of foreign) {
      const { bridge, event } = wire(vault, frame, { webContentsId: id });
      expect(isTrustedSender(event, (wc) => wc === 7)).toBe(false);
      expect(await bridge.invoke('vault.status', {}, 'c1'), JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      expect(await bridge.invoke('desktop.openExternal', { url: 'https://example.com' }, 'c2')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }
    // The vault was never touched by those calls: it is still unlocked and the desktop handler never ran.
    const { bridge, desktopCalls } = wire(vault, appFrame);
    expect(await bridge.invoke('vault.status', {}, 'c3')).toMatchObject({ ok: true, value: { unlocked: true } });
    expect(desktopCalls).toEqual([]);
  });

  it('refuses channels and operation names outside the contract, and malformed calls', async () => {
    const { router, event, bridge } = wire(vault, appFrame);
    for (const channel of ['contract-vault:eval', 'ELECTRON_BROWSER_REQUIRE', 'contract-vault:invoke ', '']) {
      expect(await router.route(channel, event, ['vault.status', {}, 'c1']), channel).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    }
    for (const name of ['vault.destroy', '__proto__', 'constructor', 'desktop.exec', 'toString']) {
      expect(await bridge.invoke(name, {}, 'c1'), name).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    }
    expect(await router.route(desktopChannels.invoke, event, [42, {}, 'c1'])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await router.route(desktopChannels.invoke, event, ['vault.status', {}, '../../x'])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await router.route(desktopChannels.invoke, event, ['vault.status', {}])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('cancels by call id, namespaced per window, only for the trusted sender', async () => {
    const trusted = wire(vault, appFrame);
    trusted.bridge.cancel('import-1');
    await Promise.resolve();
    expect(trusted.cancelled).toEqual(['7-import-1']);
    const foreign = wire(vault, { url: 'https://evil.example/', parent: null });
    foreign.bridge.cancel('import-1');
    trusted.bridge.cancel('bad id!');
    await Promise.resolve();
    expect(foreign.cancelled).toEqual([]);
    expect(trusted.cancelled).toEqual(['7-import-1']);
  });

  it('gives the page the event data only, never the IPC event (whose sender is ipcRenderer)', () => {
    const { bridge, event } = wire(vault, appFrame);
    const menu: DesktopEvent = { kind: 'menu', command: 'lock' };
    const got: unknown[][] = [];
    const unsubscribe = bridge.onEvent((...args: unknown[]) => got.push(args));
    // The main process sends (channel, data); Electron hands the preload (event, data).
    event.sender.send(desktopChannels.event, menu);
    expect(got).toEqual([[menu]]);
    unsubscribe();
    event.sender.send(desktopChannels.event, menu);
    expect(got).toHaveLength(1);
  });

  it('the renderer finds the bridge only when the preload put a complete one on window', async () => {
    const { bridge } = wire(vault, appFrame);
    expect(findDesktopBridge({ contractVault: bridge })).toBe(bridge);
    expect(findDesktopBridge({})).toBeUndefined();
    expect(findDesktopBridge({ contractVault: { invoke: () => undefined } })).toBeUndefined();
    const aborted = new AbortController();
    aborted.abort();
    await expect(createIpcTransport(bridge).invoke('vault.status', {}, { signal: aborted.signal })).rejects.toBeInstanceOf(TransportError);
    const broken = createIpcTransport({ ...bridge, invoke: async () => 'not an envelope' as never });
    await expect(broken.invoke('vault.status', {})).rejects.toMatchObject({ failure: 'protocol' });
  });
});
