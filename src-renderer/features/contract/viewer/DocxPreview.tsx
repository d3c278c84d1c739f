import { Spin } from 'antd';
import { useEffect, useRef } from 'react';
import { ProblemAlert } from '../../../app/ProblemAlert.tsx';
import { useT } from '../../../i18n/useT.ts';
import { markTextLayer } from './markTextLayer.ts';
import { sanitizeDocxHtml } from './sanitizeDocxHtml.ts';
import { useVersionData } from './useVersionData.ts';

/** A DOCX as a readable page: mammoth's HTML from the backend, sanitised here, with search terms marked. */
export function DocxPreview({ contractId, versionId, terms }: { contractId: string; versionId: string; terms: readonly string[] }) {
  const t = useT();
  const preview = useVersionData('files.preview', contractId, versionId);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const box = ref.current;
    if (box === null || preview.state !== 'ready' || preview.value.kind !== 'html') return;
    box.replaceChildren(sanitizeDocxHtml(preview.value.html));
    markTextLayer(box, terms)?.scrollIntoView({ block: 'center' });
  }, [preview, terms]);
  if (preview.state === 'failed') return <ProblemAlert problem={preview.problem} />;
  if (preview.state === 'loading') return <Spin aria-label={t('ui.app.loading')} />;
  return <article className="docx-preview" ref={ref} tabIndex={0} aria-label={t('ui.viewer.document')} />;
}
