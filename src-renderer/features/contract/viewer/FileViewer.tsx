import { Alert, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ContractDetail } from '../../../../src-shared/model/contract.ts';
import { useT } from '../../../i18n/useT.ts';
import type { ViewRequest } from '../ContractPage.tsx';
import { ExportVersionButton } from '../ExportVersionButton.tsx';
import { DocxPreview } from './DocxPreview.tsx';
import { ExtractedTextView } from './ExtractedTextView.tsx';
import { ImageViewer } from './ImageViewer.tsx';
import { PdfViewer } from './PdfViewer.tsx';
import { SheetsPreview } from './SheetsPreview.tsx';

/** Image types a browser draws itself; TIFF is not among them. */
const browserImages = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const noTerms: readonly string[] = [];

/** The viewer of one version, chosen by its format: PDF (pdf.js), DOCX (HTML), XLSX (tables), images, else the extracted text. */
export function FileViewer({ detail, request }: { detail: ContractDetail; request: ViewRequest }) {
  const t = useT();
  const [versionId, setVersionId] = useState(request.versionId);
  const file = detail.files.find((f) => f.versions.some((v) => v.id === versionId));
  const version = file?.versions.find((v) => v.id === versionId);
  if (file === undefined || version === undefined) return <Alert type="warning" showIcon message={t('ui.viewer.missing')} />;
  // The page and terms belong to the version the search hit was in; another version opens plain.
  const fromHit = versionId === request.versionId;
  const terms = fromHit ? request.terms ?? noTerms : noTerms;
  const common = { contractId: detail.id, versionId };
  let body;
  if (version.format === 'pdf') body = <PdfViewer key={versionId} {...common} initialPage={fromHit ? request.page : undefined} terms={terms} />;
  else if (version.format === 'docx') body = <DocxPreview key={versionId} {...common} terms={terms} />;
  else if (version.format === 'xlsx') body = <SheetsPreview key={versionId} {...common} />;
  else if (version.format === 'image' && browserImages.has(version.mime)) body = <ImageViewer key={versionId} {...common} name={file.name} />;
  else {
    body = (
      <>
        {version.format === 'image' ? <Alert type="info" showIcon message={t('ui.viewer.cannotPreview', { format: version.mime })} className="viewer-note" /> : null}
        <ExtractedTextView key={versionId} {...common} terms={terms} />
      </>
    );
  }
  return (
    <div className="file-viewer">
      <Space className="viewer-header" wrap>
        <Typography.Text strong>{file.name}</Typography.Text>
        <Select
          size="small"
          value={versionId}
          onChange={setVersionId}
          aria-label={t('ui.viewer.version')}
          options={file.versions.map((v) => ({ value: v.id, label: t('ui.contract.versionNo', { n: v.versionNo }) }))}
          className="version-select"
        />
        <ExportVersionButton contractId={detail.id} fileId={file.id} versionId={versionId} />
      </Space>
      {body}
    </div>
  );
}
