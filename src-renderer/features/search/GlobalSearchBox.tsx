import { SearchOutlined } from '@ant-design/icons';
import { Input, type InputRef } from 'antd';
import { useRef } from 'react';
import { useNavigationStore } from '../../app/navigationStore.ts';
import { useT } from '../../i18n/useT.ts';
import { useSavedSearchesStore } from './savedSearchesStore.ts';
import { useSearchStore } from './searchStore.ts';
import { isApplePlatform, useSearchShortcut } from './useSearchShortcut.ts';

/** The search box in the header: typing shows results at once on the Search screen; Ctrl/⌘+K focuses it from anywhere. */
export function GlobalSearchBox() {
  const t = useT();
  const ref = useRef<InputRef>(null);
  const text = useSearchStore((state) => state.text);
  const setText = useSearchStore((state) => state.setText);
  const go = useNavigationStore((state) => state.go);
  useSearchShortcut(ref);
  const shortcut = t(isApplePlatform() ? 'ui.search.shortcutMac' : 'ui.search.shortcut');
  return (
    <div role="search" className="global-search">
      <Input
        ref={ref}
        type="search"
        allowClear
        value={text}
        prefix={<SearchOutlined aria-hidden />}
        suffix={<kbd className="shortcut-hint" aria-hidden>{shortcut}</kbd>}
        placeholder={t('ui.search.placeholder')}
        aria-label={t('ui.search.label', { shortcut })}
        aria-keyshortcuts="Control+K Meta+K"
        onChange={(event) => {
          setText(event.target.value);
          go('search');
        }}
        // Enter: the search is finished, so it is run now and kept among the recent searches.
        onPressEnter={() => {
          go('search');
          void useSearchStore.getState().runNow().then(() => useSavedSearchesStore.getState().load());
        }}
        onFocus={() => {
          if (text !== '') go('search');
        }}
      />
    </div>
  );
}
