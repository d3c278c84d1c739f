import { describe, expect, it } from 'vitest';
import { extractText } from '../../../src-main/core/ingest/extractorRegistry.ts';
import { readCorpusPdf } from './corpus.ts';
import { refusal } from '../../helpers/refusal.ts';


const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('extractText', () => {
  it('reads a UTF-8 .txt with Chinese as one page, with one line-ending convention', async () => {
    const result = await extractText(utf8('甲方：上海示例贸易有限公司\r\n合同金额：人民币壹拾万元整\r\n'), '合同.txt');
    expect(result).toEqual({
      format: 'text',
      mime: 'text/plain',
      pages: ['甲方：上海示例贸易有限公司\n合同金额：人民币壹拾万元整\n'],
      metadata: {},
    });
  });

  it('strips a UTF-8 BOM, reads UTF-16LE with a BOM, and reports Markdown and CSV types', async () => {
    const bom = await extractText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Term: 12 months')]), 'terms.md');
    expect(bom.pages).toEqual(['Term: 12 months']);
    expect(bom.mime).toBe('text/markdown');
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from('合同', (c) => c.charCodeAt(0)).buffer)]);
    expect((await extractText(utf16, 'x.txt')).pages).toEqual(['合同']);
    expect((await extractText(utf8('a,b\n1,2\n'), 'amounts.CSV')).mime).toBe('text/csv');
  });

  it('refuses a .txt whose bytes go bad after the first KiB', async () => {
    const bytes = new Uint8Array([...utf8('x'.repeat(2000)), 0xff]);
    const error = await refusal(extractText(bytes, 'notes.txt'));
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    expect(error.params).toEqual({ format: 'txt' });
  });

  it('routes PDFs by their bytes', async () => {
    const result = await extractText(readCorpusPdf('issue2128r.pdf'), 'scan.PDF');
    expect(result.format).toBe('pdf');
  });

  it('refuses a non-PDF named .pdf as unreadable', async () => {
    const error = await refusal(extractText(utf8('Dear customer, please find attached...'), 'invoice.pdf'));
    expect(error.code).toBe('PDF_UNREADABLE');
    expect(error.params).toEqual({ file: 'invoice.pdf' });
  });

  it('refuses an empty .docx package as unreadable, and an .exe as unsupported, naming the format', async () => {
    const emptyZip = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)]);
    const docx = await refusal(extractText(emptyZip, 'Contract v2.docx'));
    expect(docx.code).toBe('DOCUMENT_UNREADABLE');
    expect(docx.params).toMatchObject({ file: 'Contract v2.docx', format: 'DOCX' });
    const exe = await refusal(extractText(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'setup.EXE'));
    expect(exe.params).toEqual({ format: 'exe' });
  });

  it('refuses an empty file before looking at its format', async () => {
    for (const name of ['empty.pdf', 'empty.txt', 'empty.docx']) {
      const error = await refusal(extractText(new Uint8Array(), name));
      expect(error.code).toBe('FILE_EMPTY');
      expect(error.params).toEqual({ file: name });
    }
  });
});
