import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuCommands, type AutoLockReason, type MenuCommand } from '../../../src-shared/api/desktopBridge.ts';
import { catalogue } from '../../../src-shared/i18n/translate.ts';
import { installAutoLock } from '../../../src-main/electron/autoLock.ts';
import { buildMenuTemplate } from '../../../src-main/electron/menuTemplate.ts';
import { attachNavigationGuards, externalHttpsLink, openExternalConfirmed, type GuardedContents } from '../../../src-main/electron/navigationGuards.ts';
import { backupFileFromArgv } from '../../../src-main/electron/openedFiles.ts';
import { installPermissionHandlers, isPermissionAllowed, type PermissionSession } from '../../../src-main/electron/permissionHandler.ts';
import { mainWindowOptions, secureWebPreferences } from '../../../src-main/electron/windowOptions.ts';
import { captureWindowState, defaultWindowSize, restoreWindowState } from '../../../src-main/electron/windowState.ts';

describe('window options', () => {
  it('set every webPreferences switch of Electron’s security checklist', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    const options = mainWindowOptions('/p.cjs', { x: 10, y: 20, width: 1000, height: 700 }, 'Contract Vault');
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false, webPreferences: { sandbox: true, contextIsolation: true } });
  });
});

describe('permission handler', () => {
  it('grants only clipboard writes, only to the app’s own origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://app')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://app/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'hid', 'serial', 'usb', 'display-capture', 'idle-detection', 'window-management', 'fileSystem', 'storage-access', 'speaker-selection', 'keyboardLock', 'unknown-future-permission']) {
      expect(isPermissionAllowed(permission, 'app://app'), permission).toBe(false);
    }
  });

  it('installs request, check and device handlers that deny by default', () => {
    const installed: Partial<Record<'request' | 'check' | 'device', unknown>> = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => { installed.request = h; },
      setPermissionCheckHandler: (h) => { installed.check = h; },
      setDevicePermissionHandler: (h) => { installed.device = h; },
    };
    installPermissionHandlers(session);
    const answers: boolean[] = [];
    const request = installed.request as NonNullable<Parameters<PermissionSession['setPermissionRequestHandler']>[0]>;
    request({}, 'media', (granted) => answers.push(granted), { requestingUrl: 'app://app/index.html' });
    request({}, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'app://app/index.html' });
    request({}, 'clipboard-sanitized-write', (granted) => answers.push(granted), {});
    expect(answers).toEqual([false, true, false]);
    const check = installed.check as (wc: unknown, p: string, o: string) => boolean;
    expect(check({}, 'geolocation', 'app://app')).toBe(false);
    expect((installed.device as (d: unknown) => boolean)({ deviceType: 'usb' })).toBe(false);
  });
});

describe('navigation guards', () => {
  function guarded() {
    const emitter = new EventEmitter();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const contents = {
      on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => { openHandler = handler; },
    } as unknown as GuardedContents;
    const opened: string[] = [];
    const asked: string[] = [];
    let answer = true;
    attachNavigationGuards(contents, {
      confirm: async (url) => { asked.push(url); return answer; },
      openExternal: async (url) => { opened.push(url); },
    });
    const navigate = (event: string, url: string) => {
      let prevented = false;
      emitter.emit(event, { url, preventDefault: () => { prevented = true; } });
      return prevented;
    };
    return { navigate, open: (url: string) => openHandler!({ url }), opened, asked, setAnswer: (a: boolean) => { answer = a; } };
  }

  it('denies navigation away from the app, redirects, webviews and every new window', async () => {
    const g = guarded();
    expect(g.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(g.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(g.navigate('will-frame-navigate', 'app://app.evil/')).toBe(true);
    expect(g.navigate('will-redirect', 'http://127.0.0.1:1234/')).toBe(true);
    expect(g.navigate('will-navigate', 'app://app/index.html')).toBe(false);
    expect(g.navigate('will-attach-webview', 'app://app/')).toBe(true);
    expect(g.open('https://example.com/terms')).toEqual({ action: 'deny' });
    expect(g.open('http://example.com/')).toEqual({ action: 'deny' });
    expect(g.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Only the https link was offered to the user, and opened because they confirmed.
    expect(g.asked).toEqual(['https://example.com/terms']);
    expect(g.opened).toEqual(['https://example.com/terms']);
  });

  it('opens only confirmed https links without credentials', async () => {
    expect(externalHttpsLink('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://bank.example@evil.example/', 'https://user:pw@example.com/', 'not a url', 'app://app/index.html']) {
      expect(externalHttpsLink(url), url).toBeNull();
    }
    const opened: string[] = [];
    const no = { confirm: async () => false, openExternal: async (u: string) => { opened.push(u); } };
    expect(await openExternalConfirmed('https://example.com', no)).toBe(false);
    expect(await openExternalConfirmed('http://example.com', { ...no, confirm: async () => true })).toBe(false);
    expect(await openExternalConfirmed('https://example.com', { ...no, confirm: async () => true })).toBe(true);
    expect(opened).toEqual(['https://example.com/']);
  });
});

describe('native menu', () => {
  function labels(items: MenuItemConstructorOptions[]): string[] {
    return items.flatMap((item) => [item.label ?? '', ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])]).filter((l) => l !== '');
  }
  function clicks(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
    return items.flatMap((item) => [...(item.click ? [item] : []), ...(Array.isArray(item.submenu) ? clicks(item.submenu) : [])]);
  }

  it('is labelled in the UI language, from the catalogues, on every platform', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const en = labels(buildMenuTemplate('en', platform, () => undefined));
      const zh = labels(buildMenuTemplate('zh-CN', platform, () => undefined));
      expect(en).toContain('Lock Vault');
      expect(en).toContain('Edit');
      expect(zh).toContain('锁定保险库');
      expect(zh).toContain('编辑');
      expect(zh).toContain('复制');
      const enCatalogue = new Set(Object.values(catalogue('en')));
      const zhCatalogue = new Set(Object.values(catalogue('zh-CN')));
      // Every label is a catalogue string (the macOS app menu's title is the product name).
      for (const label of en) expect(enCatalogue.has(label) || label === 'Contract Vault', label).toBe(true);
      for (const label of zh) expect(zhCatalogue.has(label) || label === 'Contract Vault', label).toBe(true);
      // Chinese labels are Chinese, except the product name.
      expect(zh.filter((l) => !/\p{Script=Han}/u.test(l) && !l.includes('Contract Vault'))).toEqual([]);
    }
  });

  it('sends the renderer’s commands and has no developer tools unless asked', () => {
    const sent: MenuCommand[] = [];
    const template = buildMenuTemplate('en', 'linux', (command) => sent.push(command));
    for (const item of clicks(template)) (item.click as () => void)();
    expect([...sent].sort()).toEqual([...menuCommands].sort());
    const roles = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((i) => [i.role ?? '', ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
    expect(roles(template)).not.toContain('toggleDevTools');
    expect(roles(template)).not.toContain('reload');
    expect(roles(buildMenuTemplate('en', 'linux', () => undefined, { devTools: true }))).toContain('toggleDevTools');
  });
});

describe('window state', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 900 };
  const external = { x: 1440, y: 0, width: 2560, height: 1440 };

  it('restores saved bounds on a connected display and clamps them to it', () => {
    const saved = captureWindowState({ x: 1500.4, y: 40, width: 1600, height: 1000 }, true);
    expect(saved).toEqual({ bounds: { x: 1500, y: 40, width: 1600, height: 1000 }, maximized: true });
    expect(restoreWindowState(JSON.parse(JSON.stringify(saved)), [laptop, external])).toEqual(saved);
    expect(restoreWindowState({ bounds: { x: 10, y: 10, width: 5000, height: 3000 }, maximized: false }, [laptop])).toEqual({ bounds: { x: 10, y: 10, width: 1440, height: 900 }, maximized: false });
  });

  it('falls back to the default size when the display is gone or the file is damaged', () => {
    const onUnplugged = { bounds: { x: 1500, y: 40, width: 1600, height: 1000 }, maximized: false };
    expect(restoreWindowState(onUnplugged, [laptop])).toEqual({ bounds: { ...defaultWindowSize }, maximized: false });
    for (const damaged of [null, 'garbage', { bounds: { x: 'a' } }, { bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: false }]) {
      expect(restoreWindowState(damaged, [laptop]).bounds).toEqual({ ...defaultWindowSize });
    }
    expect(restoreWindowState(null, [{ x: 0, y: 0, width: 1024, height: 700 }]).bounds).toEqual({ width: 1024, height: 700 });
  });
});

describe('opened backup files and auto-lock', () => {
  it('finds a .cvbackup among the launch arguments', () => {
    expect(backupFileFromArgv(['/opt/Contract Vault/contract-vault', '/home/a/Backups/firm.cvbackup'])).toBe('/home/a/Backups/firm.cvbackup');
    expect(backupFileFromArgv(['app.exe', '--flag', '/x/FIRM.CVBACKUP'])).toBe('/x/FIRM.CVBACKUP');
    expect(backupFileFromArgv(['app.exe', 'relative.cvbackup'])).toBeNull();
    expect(backupFileFromArgv(['app.exe', '--inspect=/x.cvbackup'])).toBeNull();
    expect(backupFileFromArgv(['/x/backup.cvbackup'])).toBeNull();
    expect(backupFileFromArgv(['app', '/x/contract.pdf'])).toBeNull();
  });

  it('locks on suspend and screen lock, and notifies only when a vault was open', async () => {
    const power = new EventEmitter();
    const notified: AutoLockReason[] = [];
    let unlocked = true;
    let locks = 0;
    installAutoLock({
      on: (event, listener) => power.on(event, listener),
      lock: async () => {
        locks++;
        const was = unlocked;
        unlocked = false;
        return { wasUnlocked: was };
      },
      notify: (reason) => notified.push(reason),
    });
    power.emit('lock-screen');
    await new Promise((resolve) => setTimeout(resolve, 0));
    power.emit('suspend');
    await new Promise((resolve) => setTimeout(resolve, 0));
    power.emit('resume');
    expect(locks).toBe(2);
    expect(notified).toEqual(['lock-screen']);
  });
});
