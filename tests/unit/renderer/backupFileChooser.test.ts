import { describe, expect, it } from 'vitest';
import { desktopBridgeGlobal, type DesktopBridge } from '../../../src-shared/api/desktopBridge.ts';
import type { Envelope } from '../../../src-shared/api/envelope.ts';
import { backupFileChooser, pickerStartFolder } from '../../../src-renderer/features/backup/backupFileChooser.ts';

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
  } as DesktopBridge;
}

describe('the .cvbackup file chooser (#5 Backups page)', () => {
  it('is the modal in browser mode and the native dialog (desktop.chooseBackupFile) in Electron', async () => {
    expect(backupFileChooser({}).kind).toBe('modal');
    const calls: string[] = [];
    const chooser = backupFileChooser({ [desktopBridgeGlobal]: bridgeAnswering({ ok: true, value: { path: 'D:\\备份\\firm.cvbackup' } }, calls) });
    expect(chooser.kind === 'native' ? await chooser.choose() : 'modal').toBe('D:\\备份\\firm.cvbackup');
    expect(calls).toEqual(['desktop.chooseBackupFile']);
    for (const answer of [{ ok: true as const, value: { path: null } }, { ok: true as const, value: { path: '' } }, new Error('ipc gone')]) {
      const native = backupFileChooser({ [desktopBridgeGlobal]: bridgeAnswering(answer, []) });
      expect(native.kind === 'native' ? await native.choose() : 'modal').toBeNull();
    }
  });

  it('opens the picker at the typed file’s folder, or at the typed folder', () => {
    expect(pickerStartFolder('/home/a/exports/firm.cvbackup')).toBe('/home/a/exports');
    expect(pickerStartFolder('C:\\Backups\\Firm.CVBACKUP')).toBe('C:\\Backups');
    expect(pickerStartFolder('/firm.cvbackup')).toBe('/');
    expect(pickerStartFolder(' /mnt/nas/backups ')).toBe('/mnt/nas/backups');
    expect(pickerStartFolder('firm.cvbackup')).toBeUndefined();
    expect(pickerStartFolder('  ')).toBeUndefined();
  });
});
