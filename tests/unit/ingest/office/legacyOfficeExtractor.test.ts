import { describe, expect, it } from 'vitest';
import { translate } from '../../../../src-shared/i18n/translate.ts';
import { defaultExtractors, extractText } from '../../../../src-main/core/ingest/extractorRegistry.ts';
import { officeExtractors } from '../../../../src-main/core/ingest/office/index.ts';
import {
  cfbHasDirectoryEntry,
  legacyOfficeExtractor,
} from '../../../../src-main/core/ingest/office/legacyOfficeExtractor.ts';
import { compoundFile, encryptedOoxml, ole2Header, plainDocx, plainXlsx } from '../../../fixtures/office/hostileOffice.ts';
import { refusal } from './measure.ts';

const allExtractors = [...defaultExtractors, ...officeExtractors];

describe('legacyOfficeExtractor', () => {
  it.each([
    ['合同.doc', 'Word 97-2003 (.doc)'],
    ['报价.xls', 'Excel 97-2003 (.xls)'],
    ['deck.ppt', 'PowerPoint 97-2003 (.ppt)'],
    ['template.DOT', 'Word 97-2003 (.doc)'],
    ['unknown.bin', 'Office 97-2003'],
    ['no-extension', 'Office 97-2003'],
  ])('refuses an OLE2 file named %s as %s, and the message names the format', async (name, format) => {
    const error = await refusal(extractText(ole2Header(), name, allExtractors));
    expect(error.code).toBe('LEGACY_OFFICE_FORMAT');
    expect(error.params).toEqual({ file: name, format });
    expect(translate('en', 'error.LEGACY_OFFICE_FORMAT', error.params)).toContain(format);
    expect(translate('zh-CN', 'error.LEGACY_OFFICE_FORMAT', error.params)).toContain(format);
  });

  it('names the application from the compound file streams when the name does not say', async () => {
    for (const [streams, format] of [
      [['WordDocument', '1Table'], 'Word 97-2003 (.doc)'],
      [['Workbook'], 'Excel 97-2003 (.xls)'],
      [['Book'], 'Excel 97-2003 (.xls)'],
      [['PowerPoint Document', 'Current User'], 'PowerPoint 97-2003 (.ppt)'],
    ] as const) {
      const error = await refusal(extractText(compoundFile(streams), 'attachment.dat', allExtractors));
      expect(error.params['format']).toBe(format);
    }
    // A workbook with an embedded Word document holds both kinds of stream: the name decides.
    const mixed = compoundFile(['Workbook', 'WordDocument']);
    expect((await refusal(extractText(mixed, 'book.xls', allExtractors))).params['format']).toBe('Excel 97-2003 (.xls)');
    expect((await refusal(extractText(mixed, 'x.dat', allExtractors))).params['format']).toBe('Office 97-2003');
  });

  it('finds directory entries, not the same word in a document\'s text', () => {
    const file = compoundFile(['WordDocument']);
    expect(cfbHasDirectoryEntry(file, 'WordDocument')).toBe(true);
    expect(cfbHasDirectoryEntry(file, 'Workbook')).toBe(false);
    const textOnly = Buffer.concat([ole2Header(), Buffer.alloc(512), Buffer.from('Workbook\u0000', 'utf16le'), Buffer.alloc(512)]);
    expect(cfbHasDirectoryEntry(textOnly, 'Workbook')).toBe(false);
  });

  it('claims legacy names whatever their content, but never a ZIP and never without a name', async () => {
    expect(legacyOfficeExtractor.matches('', ole2Header())).toBe(false);
    expect(legacyOfficeExtractor.matches('mail.msg', ole2Header())).toBe(false);
    expect(legacyOfficeExtractor.matches('mail.MSG', ole2Header())).toBe(false);
    expect(legacyOfficeExtractor.matches('table.xls', Buffer.from('<html><table>'))).toBe(true);
    expect(legacyOfficeExtractor.matches('renamed.doc', await plainDocx())).toBe(false);
    expect(legacyOfficeExtractor.matches('notes.txt', Buffer.from('text'))).toBe(false);
    // An HTML "xls" from a web export gets the same advice: save it as .xlsx.
    const html = await refusal(extractText(Buffer.from('<html><table><tr><td>1</td></tr></table></html>'), 'export.xls', allExtractors));
    expect(html.params).toEqual({ file: 'export.xls', format: 'Excel 97-2003 (.xls)' });
  });

  it('reads a DOCX or XLSX renamed to .doc or .xls as what it is', async () => {
    expect((await extractText(await plainDocx(), 'renamed.doc', allExtractors)).format).toBe('docx');
    expect((await extractText(await plainXlsx(), 'renamed.xls', allExtractors)).format).toBe('xlsx');
  });

  it('reports a password-protected DOCX/XLSX as encrypted, not as an old format', async () => {
    for (const [name, format] of [['secret.docx', 'DOCX'], ['secret.xlsx', 'XLSX'], ['secret.bin', 'Office']] as const) {
      const error = await refusal(extractText(encryptedOoxml(), name, allExtractors));
      expect(error.code).toBe('DOCUMENT_ENCRYPTED');
      expect(error.params).toEqual({ file: name, format });
    }
  });

  it('leaves an Outlook .msg (also OLE2) to the e-mail extractor', async () => {
    // Whatever the e-mail extractor (registered or not) makes of this empty compound file, it is not our refusal.
    const error = await refusal(extractText(ole2Header(), 'mail.msg', allExtractors));
    expect(error.code).not.toBe('LEGACY_OFFICE_FORMAT');
    const withoutEmail = allExtractors.filter((extractor) => extractor.format !== 'msg');
    expect((await refusal(extractText(ole2Header(), 'mail.msg', withoutEmail))).code).toBe('UNSUPPORTED_FORMAT');
  });
});
