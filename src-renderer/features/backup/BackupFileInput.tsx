import { FileSearchOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n/useT.ts';
import { backupFileChooser, pickerStartFolder } from './backupFileChooser.ts';
import { BackupFilePickerModal } from './BackupFilePickerModal.tsx';

/**
 * A `.cvbackup` path field with "Choose file…": the native dialog in the Electron shell, the file picker
 * modal in browser mode; the path can still be typed (a backup folder's path too). A controlled antd
 * form control (value / onChange); `extra` goes after the button (e.g. "Use the backup folder").
 */
export function BackupFileInput({ value, onChange, id, pickerTitle, ariaLabel, extra }: {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  pickerTitle: string;
  ariaLabel?: string;
  extra?: ReactNode;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const browse = async (): Promise<void> => {
    const chooser = backupFileChooser(window);
    if (chooser.kind === 'modal') return setOpen(true);
    const path = await chooser.choose();
    if (path !== null) onChange?.(path);
  };
  const start = pickerStartFolder(value ?? '');
  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          {...(id === undefined ? {} : { id })}
          {...(ariaLabel === undefined ? {} : { 'aria-label': ariaLabel })}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => onChange?.(event.target.value)}
        />
        <Button icon={<FileSearchOutlined aria-hidden />} onClick={() => void browse()}>
          {t('ui.backupFilePicker.browse')}
        </Button>
        {extra}
      </Space.Compact>
      <BackupFilePickerModal
        open={open}
        title={pickerTitle}
        {...(start === undefined ? {} : { start })}
        onCancel={() => setOpen(false)}
        onPick={(path) => {
          setOpen(false);
          onChange?.(path);
        }}
      />
    </>
  );
}
