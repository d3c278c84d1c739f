import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { ProblemAlert } from '../../../app/ProblemAlert.tsx';
import { useT } from '../../../i18n/useT.ts';
import { bytesOfBase64, useVersionData } from './useVersionData.ts';

/** A PNG/JPEG/GIF/WebP scan, from a blob: URL that lives only while it is shown (the CSP allows img-src blob:). */
export function ImageViewer({ contractId, versionId, name }: { contractId: string; versionId: string; name: string }) {
  const t = useT();
  const content = useVersionData('files.content', contractId, versionId);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (content.state !== 'ready') return undefined;
    const bytes = bytesOfBase64(content.value.base64);
    const objectUrl = URL.createObjectURL(new Blob([bytes.buffer as ArrayBuffer], { type: content.value.mime }));
    setUrl(objectUrl);
    return () => {
      URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [content]);
  if (content.state === 'failed') return <ProblemAlert problem={content.problem} />;
  if (url === null) return <Spin aria-label={t('ui.app.loading')} />;
  return <img className="image-viewer" src={url} alt={t('ui.viewer.imageOf', { file: name })} />;
}
