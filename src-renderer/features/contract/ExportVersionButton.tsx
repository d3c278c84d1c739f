import { ExportOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { useContractPageStore } from './contractPageStore.ts';

/**
 * Saves a byte-exact copy of one version to a folder or path on this computer (`files.export`, audited).
 * The app asks for a path rather than offering a browser download: the bridge writes it, never overwrites,
 * and re-checks the bytes' hash while writing.
 */
export function ExportVersionButton({ contractId, fileId, versionId, size = 'small' }: { contractId: string; fileId: string; versionId: string; size?: 'small' | 'middle' }) {
  const t = useT();
  const reloadAudit = useContractPageStore((state) => state.reloadAudit);
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [written, setWritten] = useState<string | null>(null);
  const submit = async () => {
    if (path.trim() === '') return;
    setBusy(true);
    setProblem(null);
    const outcome = await callApi(appApi, 'files.export', { contractId, fileId, versionId, outPath: path.trim() });
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    setWritten(outcome.value.path);
    void reloadAudit();
  };
  return (
    <>
      <Button size={size} icon={<ExportOutlined aria-hidden />} onClick={() => { setOpen(true); setWritten(null); setProblem(null); }}>
        {t('ui.contract.export')}
      </Button>
      <Modal
        open={open}
        title={t('ui.contract.export.title')}
        okText={t('ui.contract.export.ok')}
        cancelText={t('ui.contract.export.close')}
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={() => void submit()}>
          <Form.Item label={t('ui.contract.export.path')} extra={t('ui.contract.export.help')}>
            <Input value={path} onChange={(event) => setPath(event.target.value)} placeholder={t('ui.vault.folderPlaceholder')} />
          </Form.Item>
        </Form>
        <ProblemAlert problem={problem} />
        {written === null ? null : <Alert type="success" showIcon message={t('ui.contract.export.done', { path: written })} />}
      </Modal>
    </>
  );
}
