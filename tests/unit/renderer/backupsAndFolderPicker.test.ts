import { describe, expect, it } from 'vitest';
import { desktopBridgeGlobal, type DesktopBridge } from '../../../src-shared/api/desktopBridge.ts';
import type { Envelope } from '../../../src-shared/api/envelope.ts';
import { backupFilePath, backupSecretInput, bytePercent, defaultBackupFileName } from '../../../src-renderer/features/backup/backupSecret.ts';
import { folderBreadcrumbs } from '../../../src-renderer/features/folders/folderBreadcrumbs.ts';
import { folderChooser } from '../../../src-renderer/features/folders/folderChooser.ts';

/** A desktop bridge as the preload builds it, answering `desktop.chooseVaultFolder` with the given envelope. */
function bridgeAnswering(answer: Envelope<unknown> | Error, calls: string[]): DesktopBridge {
  return {
    invoke: async (name) => {
      calls.push(name);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    cancel: () => undefined,
    onEvent: () => () => undefined,
    pathForFile: () => '',
  };
}

describe('folder picker breadcrumbs', () => {
  it('splits POSIX and Windows paths into clickable steps, root first', () => {
    expect(folderBreadcrumbs('/')).toEqual([{ label: '/', path: '/' }]);
    expect(folderBreadcrumbs('/home/ann/合同')).toEqual([
      { label: '/', path: '/' }, { label: 'home', path: '/home' }, { label: 'ann', path: '/home/ann' }, { label: '合同', path: '/home/ann/合同' },
    ]);
    expect(folderBreadcrumbs('C:\\Users\\ann')).toEqual([
      { label: 'C:\\', path: 'C:\\' }, { label: 'Users', path: 'C:\\Users' }, { label: 'ann', path: 'C:\\Users\\ann' },
    ]);
    expect(folderBreadcrumbs('')).toEqual([]);
  });
});

describe('which folder chooser', () => {
  it('uses the modal in browser mode (no bridge, or a partial one)', () => {
    expect(folderChooser({}).kind).toBe('modal');
    expect(folderChooser({ [desktopBridgeGlobal]: { invoke: () => undefined } }).kind).toBe('modal');
  });

  it('uses the native dialog when the preload exposes the bridge, and reads its answer', async () => {
    const calls: string[] = [];
    const chosen = folderChooser({ [desktopBridgeGlobal]: bridgeAnswering({ ok: true, value: { path: '/Volumes/NAS/vault' } }, calls) });
    expect(chosen.kind).toBe('native');
    if (chosen.kind !== 'native') return;
    expect(await chosen.choose()).toBe('/Volumes/NAS/vault');
    expect(calls).toEqual(['desktop.chooseVaultFolder']);

    for (const answer of [{ ok: true as const, value: { path: null } }, { ok: false as const, error: { code: 'INTERNAL' as const, message: 'x', params: {} } }, new Error('ipc gone')]) {
      const native = folderChooser({ [desktopBridgeGlobal]: bridgeAnswering(answer, []) });
      expect(native.kind === 'native' ? await native.choose() : 'modal').toBeNull();
    }
  });
});

describe('backup form helpers', () => {
  it('sends exactly one secret, trimming only the recovery key', () => {
    expect(backupSecretInput('passphrase', ' pass 密码 ')).toEqual({ backupPassphrase: ' pass 密码 ' });
    expect(backupSecretInput('recoveryKey', ' ABCD-EFGH \n')).toEqual({ recoveryKey: 'ABCD-EFGH' });
  });

  it('names the export file by date and joins it to the folder with its own separator', () => {
    expect(defaultBackupFileName(new Date(2026, 0, 5, 9, 7))).toBe('contract-vault-2026-01-05-0907.cvbackup');
    expect(backupFilePath('/mnt/usb', 'a.cvbackup')).toBe('/mnt/usb/a.cvbackup');
    expect(backupFilePath('/mnt/usb/ ', 'a.cvbackup')).toBe('/mnt/usb/a.cvbackup');
    expect(backupFilePath('D:\\Backups', 'a.cvbackup')).toBe('D:\\Backups\\a.cvbackup');
    expect(backupFilePath('D:\\', 'a.cvbackup')).toBe('D:\\a.cvbackup');
  });

  it('turns byte progress into a bounded whole percentage', () => {
    expect(bytePercent(0, 0)).toBe(0);
    expect(bytePercent(5, 0)).toBe(0);
    expect(bytePercent(1, 3)).toBe(33);
    expect(bytePercent(3, 3)).toBe(100);
    expect(bytePercent(4, 3)).toBe(100);
    expect(bytePercent(Number.NaN, 3)).toBe(0);
  });
});
