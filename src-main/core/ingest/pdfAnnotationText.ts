/**
 * The parts of an annotation that carry text a person typed: pdf.js's own shape (loosely typed), which the
 * PDFium reader fills in too.
 */
export interface AnnotationLike {
  subtype?: string;
  /** pdf.js's field type: 'Tx' text, 'Ch' choice, 'Btn' check box / radio / push button, 'Sig' signature. */
  fieldType?: string;
  textContent?: string[];
  contentsObj?: { str?: string };
  fieldValue?: unknown;
  options?: { exportValue?: string; displayValue?: string }[];
}

/** Annotation kinds whose text is navigation or UI chrome, not document content. */
const ignoredSubtypes = new Set(['Link', 'Popup']);

/**
 * Text that lives in a page's annotations rather than its content stream: filled-in form fields (a signed
 * contract's typed names, dates and amounts are often exactly that), free-text boxes and comments. pdf.js's
 * getTextContent() leaves them out; viewers and pdftotext show them.
 */
export function annotationText(annotations: readonly AnnotationLike[]): string {
  const parts: string[] = [];
  for (const annotation of annotations) {
    if (ignoredSubtypes.has(annotation.subtype ?? '')) continue;
    if (annotation.subtype === 'Widget') {
      // Buttons and signatures hold states ("Off", "Yes"), not text anyone would search for.
      if (annotation.fieldType === 'Btn' || annotation.fieldType === 'Sig') continue;
      const values = Array.isArray(annotation.fieldValue) ? annotation.fieldValue : [annotation.fieldValue];
      for (const value of values) {
        if (typeof value !== 'string' || value.trim() === '') continue;
        // A choice field stores the export value; show what the reader saw.
        const option = annotation.options?.find((o) => o.exportValue === value);
        parts.push(option?.displayValue ?? value);
      }
      continue;
    }
    const text = annotation.textContent?.join('\n') ?? annotation.contentsObj?.str ?? '';
    if (text.trim() !== '') parts.push(text.trim());
  }
  return parts.join('\n');
}
