import { LeftOutlined, RightOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Button, InputNumber, Space, Spin, Typography } from 'antd';
import type { PDFDocumentProxy, TextLayer } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { ProblemAlert } from '../../../app/ProblemAlert.tsx';
import { useT } from '../../../i18n/useT.ts';
import { markTextLayer } from './markTextLayer.ts';
import { bytesOfBase64, useVersionData } from './useVersionData.ts';

const zoomSteps = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

/**
 * A PDF drawn by pdf.js, one page at a time, with its text layer over the canvas so text can be selected
 * and copied; opens at `initialPage` with `terms` marked (from a search hit).
 */
export function PdfViewer({ contractId, versionId, initialPage, terms }: { contractId: string; versionId: string; initialPage?: number | undefined; terms: readonly string[] }) {
  const t = useT();
  const content = useVersionData('files.content', contractId, versionId);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [pageNumber, setPageNumber] = useState(initialPage ?? 1);
  const [zoom, setZoom] = useState(2);
  const [rendering, setRendering] = useState(false);
  const [marks, setMarks] = useState(0);
  const frameRef = useRef<HTMLDivElement>(null);
  const pageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (content.state !== 'ready') return undefined;
    let opened: PDFDocumentProxy | null = null;
    let current = true;
    setFailed(false);
    // pdf.js (about 400 KB) is loaded the first time a PDF is shown, not with the app.
    import('./pdfjs.ts').then(({ openPdf }) => openPdf(bytesOfBase64(content.value.base64))).then(
      (loaded) => {
        opened = loaded;
        if (!current) return void loaded.destroy();
        setDoc(loaded);
        setPageNumber((page) => Math.min(Math.max(1, page), loaded.numPages));
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
      setDoc(null);
      void opened?.destroy();
    };
  }, [content]);

  useEffect(() => {
    const frame = frameRef.current;
    const pageBox = pageRef.current;
    const canvas = canvasRef.current;
    const layer = textRef.current;
    if (doc === null || frame === null || pageBox === null || canvas === null || layer === null) return undefined;
    let cancelled = false;
    let textLayer: TextLayer | null = null;
    let renderTask: ReturnType<Awaited<ReturnType<PDFDocumentProxy['getPage']>>['render']> | null = null;
    setRendering(true);
    void (async () => {
      const page = await doc.getPage(pageNumber);
      if (cancelled) return;
      // zoomSteps[2] (100 %) fits the page to the frame's width.
      const fit = Math.max(200, frame.clientWidth - 32) / page.getViewport({ scale: 1 }).width;
      const scale = fit * (zoomSteps[zoom] ?? 1);
      const viewport = page.getViewport({ scale });
      const ratio = globalThis.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      pageBox.style.setProperty('--scale-factor', String(scale));
      renderTask = page.render({ canvas, viewport, ...(ratio === 1 ? {} : { transform: [ratio, 0, 0, ratio, 0, 0] }) });
      await renderTask.promise;
      if (cancelled) return;
      layer.replaceChildren();
      const { TextLayer: PdfTextLayer } = await import('./pdfjs.ts');
      textLayer = new PdfTextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport });
      await textLayer.render();
      if (cancelled) return;
      const first = markTextLayer(layer, terms);
      setMarks(layer.querySelectorAll('mark').length);
      first?.scrollIntoView({ block: 'center' });
      setRendering(false);
    })().catch(() => {
      if (!cancelled) setRendering(false);
    });
    return () => {
      cancelled = true;
      renderTask?.cancel();
      textLayer?.cancel();
    };
  }, [doc, pageNumber, zoom, terms]);

  if (content.state === 'failed') return <ProblemAlert problem={content.problem} />;
  const pageCount = doc?.numPages ?? 0;
  return (
    <div className="pdf-viewer">
      <Space className="viewer-toolbar" wrap>
        <Button icon={<LeftOutlined aria-hidden />} disabled={pageNumber <= 1} onClick={() => setPageNumber((p) => p - 1)} aria-label={t('ui.viewer.previousPage')} />
        <label className="page-input">
          <span>{t('ui.viewer.page')}</span>
          <InputNumber
            size="small"
            min={1}
            max={Math.max(1, pageCount)}
            value={pageNumber}
            onChange={(value) => typeof value === 'number' && value >= 1 && value <= pageCount && setPageNumber(value)}
            aria-label={t('ui.viewer.pageNumber')}
          />
          <span>{t('ui.viewer.ofPages', { count: pageCount })}</span>
        </label>
        <Button icon={<RightOutlined aria-hidden />} disabled={pageNumber >= pageCount} onClick={() => setPageNumber((p) => p + 1)} aria-label={t('ui.viewer.nextPage')} />
        <Button icon={<ZoomOutOutlined aria-hidden />} disabled={zoom <= 0} onClick={() => setZoom((z) => z - 1)} aria-label={t('ui.viewer.zoomOut')} />
        <Typography.Text>{t('ui.viewer.zoom', { percent: Math.round((zoomSteps[zoom] ?? 1) * 100) })}</Typography.Text>
        <Button icon={<ZoomInOutlined aria-hidden />} disabled={zoom >= zoomSteps.length - 1} onClick={() => setZoom((z) => z + 1)} aria-label={t('ui.viewer.zoomIn')} />
        {terms.length > 0 ? <Typography.Text role="status" data-testid="pdf-mark-count">{t('ui.viewer.marks', { count: marks })}</Typography.Text> : null}
        {rendering || doc === null ? <Spin size="small" aria-label={t('ui.app.loading')} /> : null}
      </Space>
      {failed ? <Typography.Paragraph type="danger">{t('ui.viewer.pdfFailed')}</Typography.Paragraph> : null}
      <div className="pdf-frame" ref={frameRef} tabIndex={0} role="region" aria-label={t('ui.viewer.document')}>
        <div className="pdf-page" ref={pageRef} data-testid="pdf-page" data-page={pageNumber}>
          <canvas ref={canvasRef} aria-label={t('ui.viewer.pageImage', { page: pageNumber })} role="img" />
          <div className="textLayer" ref={textRef} />
        </div>
      </div>
    </div>
  );
}
