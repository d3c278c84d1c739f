import { Button, Card, List, Progress, Typography } from 'antd';
import type { MessageKey } from '../../../src-shared/i18n/en.ts';
import type { QueueItem, QueueItemState, QueuePhase } from './importQueue.ts';
import { failures, isActive, itemProgress, overallProgress } from './importQueue.ts';
import { problemMessage } from '../../i18n/problemMessage.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT, type Translator } from '../../i18n/useT.ts';
import { useImportQueueStore } from './importQueueStore.ts';

const phaseKeys: Record<QueuePhase, MessageKey> = {
  uploading: 'ui.import.phase.uploading', reading: 'ui.import.phase.reading', extracting: 'ui.import.phase.extracting', storing: 'ui.import.phase.storing',
};
const stateKeys: Record<QueueItemState, MessageKey> = {
  queued: 'ui.import.state.queued', running: 'ui.import.state.running', done: 'ui.import.state.done', failed: 'ui.import.state.failed', cancelled: 'ui.import.state.cancelled',
};

function stateText(t: Translator, item: QueueItem): string {
  if (item.state === 'running' && item.phase) return t(phaseKeys[item.phase]);
  if (item.state === 'done' && item.outcomes[0]?.status === 'duplicate') return t('ui.import.state.duplicate');
  return t(stateKeys[item.state]);
}

const progressStatus = (item: QueueItem) => (item.state === 'failed' ? 'exception' : item.state === 'done' ? 'success' : item.state === 'running' ? 'active' : 'normal');

/** The import queue: overall and per-file progress, Cancel while work remains, and the failures with their reasons. */
export function ImportQueuePanel() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const { queue, cancel, clear } = useImportQueueStore();
  if (queue.items.length === 0) return null;
  const overall = overallProgress(queue);
  const active = isActive(queue);
  const failed = failures(queue);
  return (
    <section className="import-panel" aria-label={t('ui.import.title')}>
      <Card
        size="small"
        title={t('ui.import.title')}
        extra={active
          ? <Button size="small" danger onClick={cancel}>{t('ui.import.cancel')}</Button>
          : <Button size="small" onClick={clear}>{t('ui.import.clear')}</Button>}
      >
        <Typography.Text>{t('ui.import.overall', { done: overall.finished, total: overall.total })}</Typography.Text>
        <Progress percent={Math.round(overall.fraction * 100)} status={active ? 'active' : 'normal'} aria-label={t('ui.import.overallLabel')} />
        <List<QueueItem>
          size="small"
          className="import-panel-list"
          dataSource={queue.items}
          renderItem={(item) => (
            <List.Item key={item.id} data-import-item={item.name} data-import-state={item.state}>
              <div className="import-panel-item">
                <Typography.Text ellipsis className="import-panel-name">{item.name}</Typography.Text>
                <Typography.Text type="secondary" className="import-panel-state">{stateText(t, item)}</Typography.Text>
                <Progress percent={Math.round(itemProgress(item) * 100)} size="small" status={progressStatus(item)} showInfo={false} aria-label={t('ui.import.fileLabel', { name: item.name })} />
              </div>
            </List.Item>
          )}
        />
        {failed.length > 0 ? (
          <div className="import-panel-failures" role="status">
            <Typography.Text strong>{t('ui.import.failures', { count: failed.length })}</Typography.Text>
            <ul>
              {failed.map((f) => <li key={f.id}>{t('ui.import.failure', { name: f.name, reason: problemMessage(locale, f.problem) })}</li>)}
            </ul>
          </div>
        ) : null}
      </Card>
    </section>
  );
}
