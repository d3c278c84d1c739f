/** The original bytes of one file version, for an in-app viewer (base64, so every door carries it as JSON). */
export interface FileContent {
  versionId: string;
  name: string;
  mime: string;
  /** Our format name: pdf, docx, xlsx, image, eml, msg, text, ... */
  format: string;
  size: number;
  base64: string;
}

/** The text extracted from one version at import, one entry per page (a sheet of a workbook; one entry for formats without pages). */
export interface FileText {
  versionId: string;
  name: string;
  versionNo: number;
  pages: string[];
}

/** One sheet of a workbook preview: cell texts, capped in rows and columns (the caps are reported, never hidden). */
export interface SheetPreview {
  name: string;
  rows: string[][];
  /** Rows and columns the sheet really has, beyond what the preview holds when capped. */
  totalRows: number;
  totalColumns: number;
  truncated: boolean;
}

/** A preview the browser can show for a format it cannot show itself: DOCX as HTML (sanitised again by the renderer), XLSX as cell tables. */
export type FilePreview =
  | { versionId: string; kind: 'html'; html: string }
  | { versionId: string; kind: 'sheets'; sheets: SheetPreview[]; maxRows: number; maxColumns: number };
