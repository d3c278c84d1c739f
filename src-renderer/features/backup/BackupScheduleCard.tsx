import { Button, Card, Descriptions, Form, InputNumber, Popconfirm, Progress, Table, Typography } from 'antd';
import { useState } from 'react';
import type { BackupFolderSnapshot } from '../../../src-shared/model/backupFolder.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { FolderPathInput } from '../folders/FolderPathInput.tsx';
import { backupSecretInput, type BackupSecretKind } from './backupSecret.ts';
import { BackupSecretFields } from './BackupSecretFields.tsx';
import { useBackupStore } from './backupStore.ts';
import { useProgressTask } from './useProgressTask.ts';

interface ScheduleFields {
  folder: string;
  intervalHours: number;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  secretKind: BackupSecretKind;
  secret?: string;
}

/** Scheduled incremental backups: the folder and how often (on once a folder is set), "Back up now", and the snapshots with the last good one. */
export function BackupScheduleCard() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const status = useBackupStore((state) => state.status);
  const snapshots = useBackupStore((state) => state.snapshots);
  const load = useBackupStore((state) => state.load);
  const [form] = Form.useForm<ScheduleFields>();
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const task = useProgressTask();
  const schedule = status?.schedule ?? null;
  const when = (iso: string | null) => (iso === null ? '—' : new Date(iso).toLocaleString(locale));

  const save = async (fields: ScheduleFields): Promise<void> => {
    const secret = fields.secret === undefined || fields.secret === '' ? {} : backupSecretInput(fields.secretKind, fields.secret);
    const outcome = await callApi(appApi, 'backup.schedule.set', {
      folder: fields.folder.trim(), intervalHours: fields.intervalHours, keepDaily: fields.keepDaily, keepWeekly: fields.keepWeekly, keepMonthly: fields.keepMonthly, ...secret,
    });
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setEditing(false);
    await load();
  };

  const turnOff = async (): Promise<void> => {
    const outcome = await callApi(appApi, 'backup.schedule.clear', {});
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setEditing(false);
    await load();
  };

  const runNow = async (): Promise<void> => {
    setProblem(null);
    const outcome = await task.run((onProgress) => callApi(appApi, 'backup.run', {}, { onProgress }));
    if (!outcome.ok) setProblem(outcome.problem);
    await load();
  };

  return (
    <Card
      title={t('ui.backup.scheduleTitle')}
      className="backup-schedule"
      extra={<Typography.Text strong>{schedule ? t('ui.backup.scheduleOn') : t('ui.backup.scheduleOff')}</Typography.Text>}
    >
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      <Descriptions size="small" column={1} bordered className="backup-last-good">
        <Descriptions.Item label={t('ui.backup.lastGood')}>{status?.lastGood ? when(status.lastGood.at) : t('ui.backup.never')}</Descriptions.Item>
        <Descriptions.Item label={t('ui.backup.folder')}>{schedule?.folder ?? t('ui.backup.noFolder')}</Descriptions.Item>
        {schedule ? (
          <Descriptions.Item label={t('ui.backup.interval')}>
            {t('ui.backup.intervalValue', { hours: schedule.intervalHours, daily: schedule.keepDaily, weekly: schedule.keepWeekly, monthly: schedule.keepMonthly })}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <div className="backup-actions">
        {schedule ? <Button type="primary" loading={task.running} onClick={() => void runNow()}>{t('ui.backup.runNow')}</Button> : null}
        <Button
          onClick={() => {
            form.setFieldsValue({ folder: schedule?.folder ?? '', intervalHours: schedule?.intervalHours ?? 24, keepDaily: schedule?.keepDaily ?? 7, keepWeekly: schedule?.keepWeekly ?? 4, keepMonthly: schedule?.keepMonthly ?? 12 });
            setEditing(!editing);
          }}
        >
          {schedule ? t('ui.backup.editSchedule') : t('ui.backup.setSchedule')}
        </Button>
        {schedule ? (
          <Popconfirm title={t('ui.backup.turnOffConfirm')} okText={t('ui.backup.turnOff')} cancelText={t('ui.action.cancel')} onConfirm={() => void turnOff()}>
            <Button>{t('ui.backup.turnOff')}</Button>
          </Popconfirm>
        ) : null}
      </div>
      {task.percent !== null ? <Progress percent={task.percent} status={task.running ? 'active' : 'normal'} aria-label={t('ui.backup.runProgress')} /> : null}
      {editing ? (
        <Form<ScheduleFields> form={form} name="backupSchedule" layout="vertical" requiredMark={false} onFinish={(fields) => void save(fields)} className="backup-schedule-form">
          <Form.Item name="folder" label={t('ui.backup.folder')} extra={t('ui.backup.folderHelp')} rules={[{ required: true, whitespace: true, message: t('ui.settings.required') }]}>
            <FolderPathInput pickerTitle={t('ui.backup.folder')} />
          </Form.Item>
          <Form.Item name="intervalHours" label={t('ui.backup.intervalHours')} htmlFor="backup-interval">
            <InputNumber id="backup-interval" min={1} max={744} precision={0} />
          </Form.Item>
          <Form.Item name="keepDaily" label={t('ui.backup.keepDaily')} htmlFor="backup-keep-daily"><InputNumber id="backup-keep-daily" min={0} max={366} precision={0} /></Form.Item>
          <Form.Item name="keepWeekly" label={t('ui.backup.keepWeekly')} htmlFor="backup-keep-weekly"><InputNumber id="backup-keep-weekly" min={0} max={520} precision={0} /></Form.Item>
          <Form.Item name="keepMonthly" label={t('ui.backup.keepMonthly')} htmlFor="backup-keep-monthly"><InputNumber id="backup-keep-monthly" min={0} max={1200} precision={0} /></Form.Item>
          <Typography.Paragraph type="secondary">{t('ui.backup.scheduleSecretHelp')}</Typography.Paragraph>
          <BackupSecretFields idPrefix="schedule" isNew optional={schedule !== null} />
          <Button type="primary" htmlType="submit">{t('ui.backup.saveSchedule')}</Button>
        </Form>
      ) : null}
      {schedule ? (
        <Table<BackupFolderSnapshot>
          size="small"
          className="backup-snapshots"
          rowKey="file"
          pagination={false}
          loading={snapshots === null}
          dataSource={[...(snapshots ?? [])].reverse()}
          locale={{ emptyText: <Typography.Text type="secondary">{t('ui.backup.noSnapshots')}</Typography.Text> }}
          columns={[
            { key: 'at', title: t('ui.backup.snapshotAt'), render: (_v, s) => when(s.createdAt) },
            { key: 'items', title: t('ui.backup.items'), dataIndex: 'items' },
            { key: 'state', title: t('ui.backup.state'), render: (_v, s) => (s.damaged === null ? (s.snapshotId === status?.lastGood?.snapshotId ? t('ui.backup.lastGoodTag') : t('ui.backup.complete')) : t('ui.backup.damaged', { ...s.damagedValues, detail: s.damaged })) },
          ]}
        />
      ) : null}
    </Card>
  );
}
