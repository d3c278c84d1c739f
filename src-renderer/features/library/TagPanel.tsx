import { EditOutlined } from '@ant-design/icons';
import { Button, Empty, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/useT.ts';
import { useContractsStore } from '../contracts/contractsStore.ts';
import { useLibraryStore } from './libraryStore.ts';
import { RenameTagModal } from './RenameTagModal.tsx';

/** The tags in use, each a toggle of the table's tag filter (contracts carrying every chosen tag). */
export function TagPanel() {
  const t = useT();
  const tags = useLibraryStore((state) => state.tags);
  const chosen = useContractsStore((state) => state.filters.tags) ?? [];
  const setFilters = useContractsStore((state) => state.setFilters);
  const change = useLibraryStore((state) => state.change);
  const [renaming, setRenaming] = useState(false);
  const toggle = (name: string, on: boolean) => {
    const next = on ? [...chosen, name] : chosen.filter((t) => t.toLocaleLowerCase() !== name.toLocaleLowerCase());
    setFilters({ tags: next.length === 0 ? undefined : next });
  };
  return (
    <section className="library-section" aria-labelledby="tags-heading">
      <div className="library-section-head">
        <Typography.Title level={2} id="tags-heading" className="library-heading">{t('ui.library.tags')}</Typography.Title>
        <Button
          size="small" type="text" icon={<EditOutlined aria-hidden />} aria-label={t('ui.library.renameTag')} title={t('ui.library.renameTag')}
          disabled={tags === null || tags.length === 0} onClick={() => setRenaming(true)}
        />
      </div>
      {tags === null || tags.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ui.library.noTags')} /> : (
        <div className="tag-cloud" role="group" aria-label={t('ui.library.tags')}>
          {tags.map((tag) => {
            const on = chosen.some((c) => c.toLocaleLowerCase() === tag.name.toLocaleLowerCase());
            return (
              <Button key={tag.name} size="small" shape="round" type={on ? 'primary' : 'default'} aria-pressed={on} onClick={() => toggle(tag.name, !on)}>
                {t('ui.library.tagCount', { name: tag.name, count: tag.contractCount })}
              </Button>
            );
          })}
        </div>
      )}
      {renaming && tags !== null ? (
        <RenameTagModal
          tags={tags} initial={chosen.length === 1 ? chosen[0] ?? null : null} onCancel={() => setRenaming(false)}
          onOk={(from, to) => {
            setRenaming(false);
            void change('tags.rename', { from, to }).then((done) => {
              // A tag filter on the old name follows the rename.
              if (done !== null && chosen.some((c) => c.toLocaleLowerCase() === from.toLocaleLowerCase())) {
                setFilters({ tags: chosen.map((c) => (c.toLocaleLowerCase() === from.toLocaleLowerCase() ? to : c)) });
              }
            });
          }}
        />
      ) : null}
    </section>
  );
}
