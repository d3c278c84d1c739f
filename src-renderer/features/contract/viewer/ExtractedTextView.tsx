import { Spin, Typography } from 'antd';
import { ProblemAlert } from '../../../app/ProblemAlert.tsx';
import { useT } from '../../../i18n/useT.ts';
import { HighlightedText } from '../../search/HighlightedText.tsx';
import { findTermRanges } from './termRanges.ts';
import { useVersionData } from './useVersionData.ts';

/** The text import extracted, page by page (e-mails, plain text, and any format without a visual preview). */
export function ExtractedTextView({ contractId, versionId, terms }: { contractId: string; versionId: string; terms: readonly string[] }) {
  const t = useT();
  const text = useVersionData('files.text', contractId, versionId);
  if (text.state === 'failed') return <ProblemAlert problem={text.problem} />;
  if (text.state === 'loading') return <Spin aria-label={t('ui.app.loading')} />;
  return (
    <div className="extracted-text">
      <Typography.Paragraph type="secondary">{t('ui.viewer.extractedText')}</Typography.Paragraph>
      {text.value.pages.map((page, index) => (
        <section key={index} aria-label={t('ui.viewer.pageImage', { page: index + 1 })}>
          <pre className="text-page" tabIndex={0}><HighlightedText text={page} highlights={findTermRanges(page, terms)} /></pre>
        </section>
      ))}
    </div>
  );
}
