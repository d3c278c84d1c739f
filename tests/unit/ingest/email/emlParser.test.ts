import { describe, expect, it } from 'vitest';
import { parseEml } from '../../../../src-main/core/ingest/email/emlParser.ts';
import { makePdf } from '../../../fixtures/makePdf.ts';
import { encodeGbk } from '../../../fixtures/email/gbkEncoding.ts';
import { makeEml } from '../../../fixtures/email/makeEml.ts';
import { refusal } from '../../../helpers/refusal.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
// Bytes no text codec would leave alone: every value 0-255, so a lossy step anywhere shows.
const docxBytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7 + 3) % 256);
docxBytes.set([0x50, 0x4b, 0x03, 0x04], 0);

describe('parseEml', () => {
  describe.each(['utf-8', 'gbk'] as const)('a contract mail in %s', (charset) => {
    it('reads subject, addresses, date, body and byte-identical attachments with Chinese names', async () => {
      const pdf = await makePdf([['Purchase Contract HT-2025-0001']]);
      const eml = makeEml({
        charset,
        from: { name: '张三', address: 'Zhang.San@Example.COM' },
        to: ['buyer@customer.cn', { name: '李四', address: 'Li.Si@Customer.cn' }],
        cc: [{ name: 'Legal', address: 'legal@example.com' }],
        replyTo: ['Contracts@Example.com'],
        subject: '关于2025年度采购合同的确认（第2版）',
        text: '您好：\n附件是采购合同，请查收。\nRegards',
        attachments: [
          { fileName: '采购合同（最终版）.pdf', contentType: 'application/pdf', bytes: pdf },
          { fileName: 'terms.docx', contentType: DOCX_TYPE, bytes: docxBytes },
        ],
        date: 'Tue, 01 Jul 2025 10:00:00 +0800',
        messageId: '<20250701.abc@example.com>',
      });
      // The fixture really uses the charset under test: encoded words and RFC 2231 names in it.
      expect(latin1(eml)).toContain(charset === 'gbk' ? '=?GBK?B?' : '=?UTF-8?B?');
      expect(latin1(eml)).toContain(`filename*=${charset}''`);

      const mail = await parseEml(eml, 'contract.eml');

      expect(mail).toMatchObject({
        format: 'eml',
        subject: '关于2025年度采购合同的确认（第2版）',
        from: [{ name: '张三', address: 'zhang.san@example.com' }],
        to: [{ address: 'buyer@customer.cn' }, { name: '李四', address: 'li.si@customer.cn' }],
        cc: [{ name: 'Legal', address: 'legal@example.com' }],
        replyTo: [{ address: 'contracts@example.com' }],
        date: '2025-07-01T02:00:00.000Z',
        messageId: '<20250701.abc@example.com>',
        bodyText: '您好：\n附件是采购合同，请查收。\nRegards',
      });
      expect(mail.attachments.map(({ fileName, contentType, inline }) => ({ fileName, contentType, inline }))).toEqual([
        { fileName: '采购合同（最终版）.pdf', contentType: 'application/pdf', inline: false },
        { fileName: 'terms.docx', contentType: DOCX_TYPE, inline: false },
      ]);
      expect(Buffer.from(mail.attachments[0]?.bytes ?? []).equals(Buffer.from(pdf))).toBe(true);
      expect(Buffer.from(mail.attachments[1]?.bytes ?? []).equals(Buffer.from(docxBytes))).toBe(true);
    });
  });

  it('turns an HTML-only body into text: entities decoded, table cells apart, no image data', async () => {
    const html =
      '<html><head><style>p{color:red}</style></head><body><p>合同金额&nbsp;&yen;120,000 &amp; terms</p>' +
      '<img alt="logo" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"><table><tr><td>甲方</td><td>Acme Ltd</td></tr></table></body></html>';
    const mail = await parseEml(makeEml({ from: 'a@x.com', to: ['b@y.com'], subject: 'HTML only', html }), 'html.eml');
    expect(mail.bodyText).toContain('合同金额 ¥120,000 & terms');
    expect(mail.bodyText).toContain('甲方 Acme Ltd');
    expect(mail.bodyText).not.toContain('base64');
    expect(mail.bodyText).not.toContain('color');
  });

  it('reads the HTML part when it is the only body next to attachments, and marks only pictures the HTML shows as inline', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const mail = await parseEml(
      makeEml({
        from: 'a@x.com',
        to: ['b@y.com'],
        subject: 'Signed scan',
        html: '<p>Please sign.</p><img src="cid:logo@x">',
        attachments: [
          { fileName: 'logo.png', contentType: 'image/png', bytes: png, disposition: 'inline', contentId: 'logo@x' },
          { fileName: 'scan.png', contentType: 'image/png', bytes: png, disposition: 'inline', contentId: 'scan@x' },
          { fileName: 'contract.pdf', contentType: 'application/pdf', bytes: ascii('%PDF-1.4\n'), disposition: 'inline', contentId: 'pdf@x' },
        ],
      }),
      'mixed.eml',
    );
    expect(mail.bodyText).toBe('Please sign.');
    expect(mail.attachments.map((a) => [a.fileName, a.inline])).toEqual([
      ['logo.png', true],
      ['scan.png', false],
      ['contract.pdf', false],
    ]);
  });

  it('keeps an attached message whole as an .eml attachment that parses in its own right', async () => {
    const inner = makeEml({ from: 'supplier@vendor.cn', to: ['a@x.com'], subject: '原始报价 quotation', text: 'inner body' });
    const mail = await parseEml(
      makeEml({
        from: 'a@x.com',
        to: ['b@y.com'],
        subject: 'Fwd: quotation',
        text: 'See below.',
        attachments: [
          { contentType: 'message/rfc822', bytes: inner },
          { fileName: 'forwarded', contentType: 'message/rfc822', bytes: inner, disposition: 'inline' },
        ],
      }),
      'fwd.eml',
    );
    expect(mail.bodyText).toBe('See below.');
    expect(mail.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['attachment-1.eml', 'message/rfc822'],
      ['forwarded.eml', 'message/rfc822'],
    ]);
    const attached = mail.attachments[0]?.bytes ?? new Uint8Array();
    expect(Buffer.from(attached).equals(Buffer.from(inner))).toBe(true);
    const innerMail = await parseEml(attached, 'attachment-1.eml', { depth: 1 });
    expect(innerMail.subject).toBe('原始报价 quotation');
    expect(innerMail.from).toEqual([{ address: 'supplier@vendor.cn' }]);
  });

  it('reads a mail without attachments', async () => {
    const mail = await parseEml(makeEml({ from: 'a@x.com', to: ['b@y.com'], subject: 'Hello', text: 'Just text.\r\nLine 2' }), 'plain.eml');
    expect(mail.attachments).toEqual([]);
    expect(mail.bodyText).toBe('Just text.\nLine 2');
    expect(mail.cc).toEqual([]);
  });

  it('names attachments that have no name after their content type', async () => {
    const mail = await parseEml(
      makeEml({
        from: 'a@x.com',
        to: ['b@y.com'],
        subject: 'x',
        text: 'x',
        attachments: [
          { contentType: 'application/pdf', bytes: ascii('%PDF-1.4') },
          { contentType: 'application/x-unknown-thing', bytes: ascii('zz') },
          { fileName: 'contract', contentType: DOCX_TYPE, bytes: docxBytes },
        ],
      }),
      'x.eml',
    );
    expect(mail.attachments.map((a) => a.fileName)).toEqual(['attachment-1.pdf', 'attachment-2.bin', 'contract.docx']);
  });

  it('strips directories and control characters from attachment names', async () => {
    const mail = await parseEml(
      makeEml({
        from: 'a@x.com',
        to: ['b@y.com'],
        subject: 'x',
        text: 'x',
        attachments: [
          { fileName: '../../evil.pdf', contentType: 'application/pdf', bytes: ascii('%PDF') },
          { fileName: 'C:\\Users\\x\\合同.pdf', contentType: 'application/pdf', bytes: ascii('%PDF') },
          { fileName: 'invoice\u202Efdp.exe', contentType: 'application/octet-stream', bytes: ascii('MZ') },
        ],
      }),
      'x.eml',
    );
    expect(mail.attachments.map((a) => a.fileName)).toEqual(['evil.pdf', '合同.pdf', 'invoicefdp.exe']);
  });

  it('reads a raw 8-bit GBK subject, flattens address groups and leaves out an unreadable date', async () => {
    const head = ascii(
      'From: a@x.com\r\nTo: Team: One@X.com, two@y.com;, undisclosed-recipients:;\r\nDate: sometime next week\r\nSubject: ',
    );
    const rest = ascii('\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n');
    const mail = await parseEml(new Uint8Array([...head, ...encodeGbk('合同已盖章'), ...rest]), 'raw.eml');
    expect(mail.subject).toBe('合同已盖章');
    expect(mail.to).toEqual([{ address: 'one@x.com' }, { address: 'two@y.com' }]);
    expect(mail.date).toBeUndefined();
  });

  it('decodes GBK text labelled gb2312 or GB18030, as Chinese mailers label it', async () => {
    // 喆 and 镕 are in GBK but not in GB2312: a strict GB2312 decoder would lose them.
    const b64 = (value: string): string => Buffer.from(encodeGbk(value)).toString('base64');
    const pct = (value: string): string => Array.from(encodeGbk(value), (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    const raw = [
      `From: =?gb2312?B?${b64('王喆')}?= <w@x.cn>`,
      'To: b@y.com',
      `Subject: =?GB18030?B?${b64('镕铸合同')}?=`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=gb2312',
      'Content-Transfer-Encoding: base64',
      '',
      b64('喆：请审阅。'),
      '--b',
      'Content-Type: application/pdf',
      `Content-Disposition: attachment; filename*=GB18030''${pct('镕铸合同.pdf')}`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4').toString('base64'),
      '--b--',
      '',
    ].join('\r\n');
    const mail = await parseEml(ascii(raw), 'labels.eml');
    expect(mail.from).toEqual([{ name: '王喆', address: 'w@x.cn' }]);
    expect(mail.subject).toBe('镕铸合同');
    expect(mail.bodyText).toBe('喆：请审阅。');
    expect(mail.attachments.map((a) => a.fileName)).toEqual(['镕铸合同.pdf']);
  });

  it('refuses what is not a mail as EMAIL_UNREADABLE', async () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 17) % 256);
    for (const bytes of [garbage, ascii('just some notes\nwith no header at all\n'), new Uint8Array(0)]) {
      const error = await refusal(parseEml(bytes, 'broken.eml'));
      expect(error.code).toBe('EMAIL_UNREADABLE');
      expect(error.params).toEqual({ file: 'broken.eml' });
    }
  });

  it('refuses mails beyond the limits with ARCHIVE_LIMIT_EXCEEDED', async () => {
    const three = makeEml({
      from: 'a@x.com',
      to: ['b@y.com'],
      subject: 'x',
      text: 'x',
      attachments: [1, 2, 3].map((n) => ({ fileName: `${n}.pdf`, contentType: 'application/pdf', bytes: ascii('%PDF') })),
    });
    expect((await refusal(parseEml(three, 'many.eml', { limits: { maxAttachments: 2 } }))).code).toBe('ARCHIVE_LIMIT_EXCEEDED');
    expect((await refusal(parseEml(three, 'big.eml', { limits: { maxBytes: 100 } }))).code).toBe('ARCHIVE_LIMIT_EXCEEDED');
    expect((await refusal(parseEml(three, 'deep.eml', { depth: 4 }))).code).toBe('ARCHIVE_LIMIT_EXCEEDED');
    expect((await parseEml(three, 'deep.eml', { depth: 3 })).attachments).toHaveLength(3);
  });

  it('strips an HTML body beyond the conversion limit by its linear fallback', async () => {
    const html = `<div>${'<p>Clause&nbsp;1 applies.</p>'.repeat(200)}<script>alert(1)</script></div>`;
    const mail = await parseEml(makeEml({ from: 'a@x.com', to: ['b@y.com'], subject: 'big', html }), 'big.eml', {
      limits: { maxHtmlChars: 1000 },
    });
    expect(mail.bodyText.split('\n').filter((line) => line === 'Clause 1 applies.')).toHaveLength(200);
    expect(mail.bodyText).not.toContain('alert');
  });
});
