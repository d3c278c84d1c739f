import DOMPurify from 'dompurify';

/** Tags mammoth produces for a document's body; everything else is dropped. */
const allowedTags = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'u', 's', 'sup', 'sub', 'br', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'blockquote', 'pre', 'code', 'span'];
const allowedAttributes = ['href', 'id', 'src', 'alt', 'colspan', 'rowspan'];
/** Only in-document anchors and inline raster images: nothing is ever fetched from elsewhere. */
const allowedUri = /^(?:#[\w.:-]*$|data:image\/(?:png|jpeg|gif|bmp|webp);base64,)/iu;

/**
 * Sanitises a DOCX preview with DOMPurify before it is inserted: no scripts, no event handlers, no styles,
 * no forms or frames, no external URLs (a link to the web keeps its text and loses its target). Returns a
 * fragment to append, so no HTML string is ever assigned to innerHTML.
 */
export function sanitizeDocxHtml(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: allowedAttributes,
    ALLOWED_URI_REGEXP: allowedUri,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
}
