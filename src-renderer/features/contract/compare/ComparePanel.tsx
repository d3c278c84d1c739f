import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ContractDetail } from '../../../../src-shared/model/contract.ts';
import type { ContractFileWithVersions } from '../../../../src-shared/model/contractFile.ts';
import { stepHunk, type TextComparison } from '../../../../src-shared/rules/compare/textComparison.ts';
import { ProblemAlert } from '../../../app/ProblemAlert.tsx';
import { useT } from '../../../i18n/useT.ts';
import { useVersionData } from '../viewer/useVersionData.ts';
import { compareOffThread } from './compareOffThread.ts';
import { DiffText } from './DiffText.tsx';
import { isCompareShortcutTarget, shortcutDirection } from './compareShortcuts.ts';

/** Pages are compared as one text; a blank line between pages keeps their words apart. */
const pageSeparator = '\n\n';

/** Picks the file (with versions) first shown: the one asked for, else the first with two versions or more. */
function firstFile(detail: ContractDetail, fileId: string | null): ContractFileWithVersions | undefined {
  return detail.files.find((f) => f.id === fileId) ?? detail.files.find((f) => f.versions.length > 1) ?? detail.files[0];
}

/** Scrolls a pane so that the given difference is in the middle of it. */
function scrollToHunk(pane: HTMLElement | null, hunk: number): void {
  pane?.querySelector(`[data-hunk="${hunk}"]`)?.scrollIntoView({ block: 'center' });
}

/** Two versions of one file side by side, differences marked (English words, Chinese characters), with next/previous. */
export function ComparePanel({ detail, initialFileId }: { detail: ContractDetail; initialFileId: string | null }) {
  const t = useT();
  const [fileId, setFileId] = useState(() => firstFile(detail, initialFileId)?.id ?? null);
  const file = detail.files.find((f) => f.id === fileId);
  if (file === undefined) return <Empty description={t('ui.contract.noFiles')} />;
  return (
    <div className="compare-panel">
      <Space wrap className="compare-choice">
        <label className="inline-field">
          <span>{t('ui.compare.file')}</span>
          <Select
            value={file.id}
            onChange={setFileId}
            className="compare-file-select"
            aria-label={t('ui.compare.file')}
            options={detail.files.map((f) => ({ value: f.id, label: f.name }))}
          />
        </label>
      </Space>
      <CompareVersions key={file.id} contractId={detail.id} file={file} />
    </div>
  );
}

function CompareVersions({ contractId, file }: { contractId: string; file: ContractFileWithVersions }) {
  const t = useT();
  const [leftId, setLeftId] = useState(file.versions[1]?.id ?? file.versions[0]?.id ?? '');
  const [rightId, setRightId] = useState(file.versions[0]?.id ?? '');
  const options = file.versions.map((v) => ({ value: v.id, label: t('ui.contract.versionNo', { n: v.versionNo }) }));
  if (file.versions.length < 2) return <Alert type="info" showIcon message={t('ui.compare.oneVersion')} />;
  return (
    <>
      <Space wrap className="compare-choice">
        <label className="inline-field">
          <span>{t('ui.compare.left')}</span>
          <Select value={leftId} onChange={setLeftId} options={options} aria-label={t('ui.compare.left')} className="version-select" />
        </label>
        <label className="inline-field">
          <span>{t('ui.compare.right')}</span>
          <Select value={rightId} onChange={setRightId} options={options} aria-label={t('ui.compare.right')} className="version-select" />
        </label>
      </Space>
      <CompareTexts key={`${leftId}|${rightId}`} contractId={contractId} leftId={leftId} rightId={rightId} />
    </>
  );
}

function CompareTexts({ contractId, leftId, rightId }: { contractId: string; leftId: string; rightId: string }) {
  const t = useT();
  const left = useVersionData('files.text', contractId, leftId);
  const right = useVersionData('files.text', contractId, rightId);
  const [current, setCurrent] = useState<number | null>(null);
  const leftPane = useRef<HTMLDivElement>(null);
  const rightPane = useRef<HTMLDivElement>(null);
  const [comparison, setComparison] = useState<TextComparison | null>(null);
  useEffect(() => {
    if (left.state !== 'ready' || right.state !== 'ready') return undefined;
    const abort = new AbortController();
    compareOffThread(left.value.pages.join(pageSeparator), right.value.pages.join(pageSeparator), abort.signal).then(setComparison, () => undefined);
    return () => abort.abort();
  }, [left, right]);
  const hunkCount = comparison?.hunkCount ?? 0;

  useEffect(() => {
    if (current === null) return;
    scrollToHunk(leftPane.current, current);
    scrollToHunk(rightPane.current, current);
  }, [current]);

  // n / p (and Alt+↓ / Alt+↑) anywhere on the page, except while typing in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const direction = shortcutDirection(event);
      if (direction === null || !isCompareShortcutTarget(event.target)) return;
      event.preventDefault();
      setCurrent((at) => stepHunk(at, hunkCount, direction));
    };
    globalThis.addEventListener('keydown', onKey);
    return () => globalThis.removeEventListener('keydown', onKey);
  }, [hunkCount]);

  if (left.state === 'failed') return <ProblemAlert problem={left.problem} />;
  if (right.state === 'failed') return <ProblemAlert problem={right.problem} />;
  if (comparison === null || left.state !== 'ready' || right.state !== 'ready') return <Spin aria-label={t('ui.app.loading')} />;
  const status = comparison.tooDifferent
    ? t('ui.compare.tooDifferent')
    : hunkCount === 0
      ? t('ui.compare.same')
      : current === null
        ? t('ui.compare.count', { count: hunkCount })
        : t('ui.compare.position', { n: current + 1, count: hunkCount });
  return (
    <div className="compare-view">
      <Space wrap className="compare-toolbar">
        <Button icon={<UpOutlined aria-hidden />} disabled={hunkCount === 0} onClick={() => setCurrent((at) => stepHunk(at, hunkCount, -1))} title={t('ui.compare.previousKeys')}>
          {t('ui.compare.previous')}
        </Button>
        <Button icon={<DownOutlined aria-hidden />} disabled={hunkCount === 0} onClick={() => setCurrent((at) => stepHunk(at, hunkCount, 1))} title={t('ui.compare.nextKeys')}>
          {t('ui.compare.next')}
        </Button>
        <Typography.Text role="status" aria-live="polite" data-testid="compare-status">{status}</Typography.Text>
        <Typography.Text type="secondary">{t('ui.compare.keysHelp')}</Typography.Text>
      </Space>
      <div className="compare-columns">
        <section aria-label={t('ui.compare.sideLabel', { n: left.value.versionNo })}>
          <Typography.Title level={2} className="section-title">{t('ui.contract.versionNo', { n: left.value.versionNo })}</Typography.Title>
          <div className="compare-pane" ref={leftPane} tabIndex={0} data-testid="compare-left">
            <pre><DiffText pieces={comparison.left} current={current} /></pre>
          </div>
        </section>
        <section aria-label={t('ui.compare.sideLabel', { n: right.value.versionNo })}>
          <Typography.Title level={2} className="section-title">{t('ui.contract.versionNo', { n: right.value.versionNo })}</Typography.Title>
          <div className="compare-pane" ref={rightPane} tabIndex={0} data-testid="compare-right">
            <pre><DiffText pieces={comparison.right} current={current} /></pre>
          </div>
        </section>
      </div>
    </div>
  );
}
