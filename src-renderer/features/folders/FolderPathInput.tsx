import { FolderOpenOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/useT.ts';
import { folderChooser } from './folderChooser.ts';
import { FolderPickerModal } from './FolderPickerModal.tsx';

/**
 * A folder path field with "Browse…": the native dialog in the Electron shell, the picker modal in
 * browser mode; the path can still be typed. A controlled antd form control (value / onChange).
 */
export function FolderPathInput({ value, onChange, id, placeholder, pickerTitle, ariaLabel }: {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  placeholder?: string;
  pickerTitle: string;
  ariaLabel?: string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const browse = async (): Promise<void> => {
    const chooser = folderChooser(window);
    if (chooser.kind === 'modal') return setOpen(true);
    const path = await chooser.choose();
    if (path !== null) onChange?.(path);
  };
  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          {...(id === undefined ? {} : { id })}
          {...(ariaLabel === undefined ? {} : { 'aria-label': ariaLabel })}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={value}
          onChange={(event) => onChange?.(event.target.value)}
        />
        <Button icon={<FolderOpenOutlined aria-hidden />} onClick={() => void browse()}>
          {t('ui.folderPicker.browse')}
        </Button>
      </Space.Compact>
      <FolderPickerModal
        open={open}
        title={pickerTitle}
        {...(value === undefined ? {} : { start: value })}
        onCancel={() => setOpen(false)}
        onPick={(path) => {
          setOpen(false);
          onChange?.(path);
        }}
      />
    </>
  );
}
