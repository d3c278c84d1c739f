import { Button, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { WatchedFolder } from '../../../src-shared/model/watchedFolder.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';

interface NewFolder {
  path: string;
  customer?: string;
}

/** Folders whose new and changed files are imported (a Dropbox / OneDrive folder): list, add, remove. */
export function WatchedFoldersPanel() {
  const t = useT();
  const [folders, setFolders] = useState<WatchedFolder[] | null>(null);
  const [customers, setCustomers] = useState<Array<{ value: string; label: string }>>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [form] = Form.useForm<NewFolder>();

  const load = useCallback(async () => {
    const [listed, known] = await Promise.all([callApi(appApi, 'watch.list', {}), callApi(appApi, 'customers.list', {})]);
    if (listed.ok) setFolders(listed.value);
    else setProblem(listed.problem);
    if (known.ok) setCustomers(known.value.map((c) => ({ value: c.id, label: c.name })));
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const add = async (values: NewFolder): Promise<void> => {
    const outcome = await callApi(appApi, 'watch.add', { path: values.path.trim(), ...(values.customer ? { customer: values.customer } : {}) });
    if (outcome.ok) {
      form.resetFields();
      setProblem(null);
      await load();
    } else setProblem(outcome.problem);
  };

  const remove = async (id: string): Promise<void> => {
    const outcome = await callApi(appApi, 'watch.remove', { id });
    if (outcome.ok) await load();
    else setProblem(outcome.problem);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      <Table<WatchedFolder>
        size="small"
        rowKey="id"
        loading={folders === null}
        dataSource={folders ?? []}
        pagination={false}
        // antd's own empty placeholder is too faint on the dark theme (axe: contrast); secondary text is not.
        locale={{ emptyText: <Typography.Text type="secondary">{t('ui.watch.none')}</Typography.Text> }}
        columns={[
          { key: 'path', title: t('ui.watch.folder'), dataIndex: 'path' },
          { key: 'customer', title: t('ui.watch.customer'), render: (_v, folder) => folder.customerName ?? '—' },
          { key: 'known', title: t('ui.watch.known'), dataIndex: 'knownFiles' },
          {
            key: 'actions',
            title: t('ui.rules.actions'),
            render: (_v, folder) => (
              <Popconfirm title={t('ui.watch.removeConfirm')} okText={t('ui.rules.remove')} cancelText={t('ui.rules.cancel')} onConfirm={() => void remove(folder.id)}>
                <Button size="small">{t('ui.rules.remove')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Form<NewFolder> form={form} layout="inline" onFinish={(values) => void add(values)} aria-label={t('ui.watch.addTitle')}>
        <Form.Item name="path" label={t('ui.watch.folder')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
          <Input style={{ width: 320 }} maxLength={4096} />
        </Form.Item>
        <Form.Item name="customer" label={t('ui.watch.customer')}>
          <Select style={{ width: 220 }} allowClear showSearch optionFilterProp="label" options={customers} />
        </Form.Item>
        <Button type="primary" htmlType="submit">{t('ui.watch.add')}</Button>
      </Form>
    </Space>
  );
}
