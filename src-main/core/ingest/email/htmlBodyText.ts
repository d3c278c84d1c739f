import { loadSimpleParser } from '../lazyLibraries.ts';

const namedEntities: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', yen: '¥', euro: '€',
  mdash: '—', ndash: '–', hellip: '…', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·', times: '×',
};
const blockTags = new Set(['p', 'div', 'br', 'tr', 'li', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'hr']);

/** Lower-cases ASCII letters only, so every index stays valid in the original (String.toLowerCase can change the length). */
function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] !== '#') return namedEntities[body.toLowerCase()] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
  });
}

/**
 * Text of an HTML body by one linear scan: tags dropped (block tags become line breaks), script
 * and style content skipped, common entities decoded. Used where the HTML is too large or too
 * broken for html-to-text; no regular expression here can backtrack on hostile markup.
 */
export function stripHtmlTags(html: string): string {
  const lower = asciiLowerCase(html);
  const out: string[] = [];
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open < 0) {
      out.push(html.slice(position));
      break;
    }
    out.push(html.slice(position, open));
    if (lower.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      position = end < 0 ? html.length : end + 3;
      continue;
    }
    const close = html.indexOf('>', open + 1);
    if (close < 0) break;
    const name = /^<\/?([a-z][a-z0-9]*)/.exec(lower.slice(open, Math.min(close + 1, open + 12)))?.[1] ?? '';
    position = close + 1;
    if ((name === 'script' || name === 'style') && lower[open + 1] !== '/') {
      const end = lower.indexOf(`</${name}`, position);
      position = end < 0 ? html.length : end;
      continue;
    }
    out.push(blockTags.has(name) ? '\n' : ' ');
  }
  return decodeEntities(out.join(''))
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
    .join('\n')
    .trim();
}

/** The HTML without <img> tags, whose data: URLs html-to-text would copy into the text as megabytes of base64. */
function withoutImages(html: string): string {
  const lower = asciiLowerCase(html);
  const out: string[] = [];
  let position = 0;
  for (;;) {
    const start = lower.indexOf('<img', position);
    if (start < 0) break;
    const end = html.indexOf('>', start);
    if (end < 0) break;
    out.push(html.slice(position, start));
    position = end + 1;
  }
  out.push(html.slice(position));
  return out.join('');
}

/**
 * Plain text of an HTML mail body, through mailparser's own converter (html-to-text) so that
 * entities, lists and line breaks come out as a mail client would show them. Table cells are
 * spaced apart (html-to-text runs them together: "<td>a</td><td>b</td>" would index as "ab").
 */
export async function htmlToPlainText(html: string, maxHtmlChars: number): Promise<string> {
  if (html.length > maxHtmlChars) return stripHtmlTags(html);
  const prepared = withoutImages(html).replace(/<\/(td|th)\s*>/gi, ' </$1>');
  // A one-part message whose root is text/html is the one shape mailparser converts to text.
  const message = Buffer.from(`Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${prepared}`, 'utf8');
  try {
    const simpleParser = await loadSimpleParser();
    const parsed = await simpleParser(message, {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      keepCidLinks: true,
      checksumAlgo: false,
      maxHtmlLengthToParse: maxHtmlChars,
    });
    if (parsed.textConversionError !== undefined) return stripHtmlTags(html);
    // &nbsp; comes out as U+00A0, which would keep the words on either side from matching a search.
    return (parsed.text ?? '').replace(/\u00a0/g, ' ').trim();
  } catch {
    return stripHtmlTags(html);
  }
}
