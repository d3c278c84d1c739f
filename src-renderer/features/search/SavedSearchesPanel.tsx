import { DeleteOutlined, HistoryOutlined, StarOutlined } from '@ant-design/icons';
import { Button, Card, Input, List, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { SearchQuery } from '../../../src-shared/model/search.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT, type Translator } from '../../i18n/useT.ts';
import { filterCount, isEmptyQuery, savedQueryOf } from './savedSearches.ts';
import { useSavedSearchesStore } from './savedSearchesStore.ts';
import { useSearchStore } from './searchStore.ts';

function queryLabel(t: Translator, query: SearchQuery): string {
  const filters = filterCount(query);
  const text = query.text ?? t('ui.search.saved.filtersOnly');
  return filters === 0 ? text : t('ui.search.saved.withFilters', { text, filters });
}

/** The search page sidebar: save the current search under a name; saved searches (run, delete); recent searches (run). */
export function SavedSearchesPanel() {
  const t = useT();
  const { saved, recent, problem } = useSavedSearchesStore();
  // Only whether there is something to save: subscribing to the text would re-render this panel on every keystroke.
  const empty = useSearchStore((state) => isEmptyQuery(savedQueryOf(state.text, state.filters)));
  const apply = useSearchStore((state) => state.apply);
  const [name, setName] = useState('');

  useEffect(() => {
    void useSavedSearchesStore.getState().load();
  }, []);

  const run = async (query: SearchQuery): Promise<void> => {
    await apply(query);
    await useSavedSearchesStore.getState().load();
  };
  const save = async (): Promise<void> => {
    const { text, filters } = useSearchStore.getState();
    const current = savedQueryOf(text, filters);
    if (name.trim() === '' || isEmptyQuery(current)) return;
    if (await useSavedSearchesStore.getState().save(name.trim(), current)) setName('');
  };

  return (
    <Card size="small" className="saved-searches" title={t('ui.search.saved.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <ProblemAlert problem={problem} onClose={() => useSavedSearchesStore.getState().clearProblem()} />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label={t('ui.search.saved.name')}
            placeholder={t('ui.search.saved.name')}
            value={name}
            maxLength={200}
            disabled={empty}
            onChange={(event) => setName(event.target.value)}
            onPressEnter={() => void save()}
          />
          <Button icon={<StarOutlined aria-hidden />} disabled={empty || name.trim() === ''} onClick={() => void save()}>
            {t('ui.search.saved.save')}
          </Button>
        </Space.Compact>
        <List
          size="small"
          className="saved-search-list"
          dataSource={saved ?? []}
          loading={saved === null}
          locale={{ emptyText: <Typography.Text type="secondary">{t('ui.search.saved.none')}</Typography.Text> }}
          renderItem={(entry) => (
            <List.Item
              actions={[
                <Popconfirm key="remove" title={t('ui.search.saved.removeConfirm', { name: entry.name })} okText={t('ui.search.saved.remove')} cancelText={t('ui.rules.cancel')} onConfirm={() => void useSavedSearchesStore.getState().remove(entry.id)}>
                  <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label={t('ui.search.saved.removeNamed', { name: entry.name })} />
                </Popconfirm>,
              ]}
            >
              <Button type="link" size="small" className="saved-search-run" title={queryLabel(t, entry.query)} onClick={() => void run(entry.query)}>
                {entry.name}
              </Button>
            </List.Item>
          )}
        />
        {recent.length > 0 ? (
          <>
            <Typography.Text strong><HistoryOutlined aria-hidden /> {t('ui.search.recent.title')}</Typography.Text>
            <List
              size="small"
              className="recent-search-list"
              dataSource={recent}
              renderItem={(entry) => (
                <List.Item>
                  <Button type="link" size="small" onClick={() => void run(entry.query)}>{queryLabel(t, entry.query)}</Button>
                </List.Item>
              )}
            />
          </>
        ) : null}
      </Space>
    </Card>
  );
}
