/** How to decode text written in one Windows code page, by the two decoders an Outlook .msg meets. */
export interface CodePageDecoders {
  /** Label for the WHATWG TextDecoder (HTML bodies). */
  textDecoder: string;
  /** Name iconv-lite knows (msgreader decodes 8-bit string properties with it). */
  iconv: string;
}

const codePages: ReadonlyMap<number, CodePageDecoders> = new Map([
  [936, { textDecoder: 'gbk', iconv: 'cp936' }],
  [54936, { textDecoder: 'gb18030', iconv: 'gb18030' }],
  [950, { textDecoder: 'big5', iconv: 'cp950' }],
  [932, { textDecoder: 'shift_jis', iconv: 'cp932' }],
  [949, { textDecoder: 'euc-kr', iconv: 'cp949' }],
  [874, { textDecoder: 'windows-874', iconv: 'cp874' }],
  [1250, { textDecoder: 'windows-1250', iconv: 'cp1250' }],
  [1251, { textDecoder: 'windows-1251', iconv: 'cp1251' }],
  [1252, { textDecoder: 'windows-1252', iconv: 'cp1252' }],
  [1253, { textDecoder: 'windows-1253', iconv: 'cp1253' }],
  [1254, { textDecoder: 'windows-1254', iconv: 'cp1254' }],
  [1255, { textDecoder: 'windows-1255', iconv: 'cp1255' }],
  [1256, { textDecoder: 'windows-1256', iconv: 'cp1256' }],
  [1257, { textDecoder: 'windows-1257', iconv: 'cp1257' }],
  [1258, { textDecoder: 'windows-1258', iconv: 'cp1258' }],
  [20866, { textDecoder: 'koi8-r', iconv: 'koi8-r' }],
  [28591, { textDecoder: 'iso-8859-1', iconv: 'iso-8859-1' }],
  [28592, { textDecoder: 'iso-8859-2', iconv: 'iso-8859-2' }],
  [28605, { textDecoder: 'iso-8859-15', iconv: 'iso-8859-15' }],
  [65001, { textDecoder: 'utf-8', iconv: 'utf8' }],
]);

/** Decoders for a Windows code page number (PR_MESSAGE_CODEPAGE, PR_INTERNET_CPID), or undefined for one we do not map. */
export function codePageDecoders(codePage: unknown): CodePageDecoders | undefined {
  return typeof codePage === 'number' ? codePages.get(codePage) : undefined;
}
