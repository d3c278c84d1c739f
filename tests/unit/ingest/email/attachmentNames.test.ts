import { describe, expect, it } from 'vitest';
import { attachmentFileName, sanitiseAttachmentName } from '../../../../src-main/core/ingest/email/attachmentNames.ts';

describe('sanitiseAttachmentName', () => {
  it('keeps only the base name, whatever the separator', () => {
    expect(sanitiseAttachmentName('../../evil.pdf')).toBe('evil.pdf');
    expect(sanitiseAttachmentName('..\\..\\Windows\\evil.pdf')).toBe('evil.pdf');
    expect(sanitiseAttachmentName('/etc/passwd')).toBe('passwd');
  });

  it('removes control and invisible characters and what Windows refuses', () => {
    expect(sanitiseAttachmentName('con\u0000tract\r\n.pdf')).toBe('contract.pdf');
    expect(sanitiseAttachmentName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitiseAttachmentName('合同<最终>:v2?.docx')).toBe('合同_最终__v2_.docx');
    expect(sanitiseAttachmentName('  .hidden.pdf. . ')).toBe('hidden.pdf');
    expect(sanitiseAttachmentName('CON.txt')).toBe('_CON.txt');
  });

  it('caps the name at 200 characters and keeps the extension', () => {
    const name = sanitiseAttachmentName(`${'合'.repeat(150)}${'同'.repeat(150)}.pdf`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('同.pdf')).toBe(true);
    const emoji = sanitiseAttachmentName(`${'😀'.repeat(250)}.xlsx`);
    expect(Array.from(emoji)).toHaveLength(200);
    expect(emoji.endsWith('😀.xlsx')).toBe(true);
  });

  it('stays fast on a hostile run of dots', () => {
    const started = performance.now();
    expect(sanitiseAttachmentName(`${'.'.repeat(200_000)}x`)).toBe('x');
    expect(sanitiseAttachmentName(`x${'. '.repeat(200_000)}y`).length).toBeLessThanOrEqual(200);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('attachmentFileName', () => {
  it('derives a name from the content type when there is none left', () => {
    expect(attachmentFileName(undefined, 'application/pdf', 1)).toBe('attachment-1.pdf');
    expect(attachmentFileName('../..', 'image/jpeg', 2)).toBe('attachment-2.jpg');
    expect(attachmentFileName('', 'application/x-whatever', 3)).toBe('attachment-3.bin');
  });

  it('adds a missing extension, and makes attached mails end in .eml / .msg', () => {
    expect(attachmentFileName('Contract', 'application/pdf', 1)).toBe('Contract.pdf');
    expect(attachmentFileName('Fwd: offer', 'message/rfc822', 1)).toBe('Fwd_ offer.eml');
    expect(attachmentFileName('offer.eml', 'message/rfc822', 1)).toBe('offer.eml');
    expect(attachmentFileName('RE: 报价', 'application/vnd.ms-outlook', 1)).toBe('RE_ 报价.msg');
    expect(attachmentFileName('scan.tiff', 'application/pdf', 1)).toBe('scan.tiff');
  });
});
