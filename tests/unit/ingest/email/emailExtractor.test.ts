import { describe, expect, it } from 'vitest';
import { emlExtractor, msgExtractor } from '../../../../src-main/core/ingest/email/emailExtractor.ts';
import { defaultExtractors, extractText } from '../../../../src-main/core/ingest/extractorRegistry.ts';
import { makePdf } from '../../../fixtures/makePdf.ts';
import { makeEml } from '../../../fixtures/email/makeEml.ts';
import { makeMsg } from '../../../fixtures/email/makeMsg.ts';
import { refusal } from '../../../helpers/refusal.ts';

const extractors = [...defaultExtractors, emlExtractor, msgExtractor];

describe('e-mail extractors', () => {
  it('make the mail itself searchable: header summary, attachment names and body as one page', async () => {
    const eml = makeEml({
      from: { name: '张三', address: 'zhang@example.com' },
      to: ['buyer@customer.cn'],
      cc: ['legal@example.com'],
      subject: '采购合同 HT-2025-001',
      text: '附件是合同，请查收。',
      attachments: [
        { fileName: '采购合同.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4') },
        { fileName: 'logo.png', contentType: 'image/png', bytes: Uint8Array.from([0x89, 0x50]), disposition: 'inline', contentId: 'l' },
      ],
      html: '<p>附件是合同，请查收。</p><img src="cid:l">',
    });
    const result = await extractText(eml, '采购合同.eml', extractors);
    expect(result).toEqual({
      format: 'eml',
      mime: 'message/rfc822',
      pages: [
        [
          'Subject: 采购合同 HT-2025-001',
          'From: 张三 <zhang@example.com>',
          'To: buyer@customer.cn',
          'Cc: legal@example.com',
          'Date: 2025-07-01T02:00:00.000Z',
          'Attachments: 采购合同.pdf',
          '',
          '附件是合同，请查收。',
        ].join('\n'),
      ],
      metadata: { title: '采购合同 HT-2025-001', author: '张三 <zhang@example.com>', createdAt: '2025-07-01T02:00:00.000Z' },
    });
  });

  it('reads an Outlook .msg by name and signature', async () => {
    const msg = makeMsg({ subject: 'Lease renewal', body: 'Term: 36 months.', from: { address: 'landlord@x.com' }, to: [{ address: 'us@y.com' }] });
    const result = await extractText(msg, 'renewal.msg', extractors);
    expect(result.format).toBe('msg');
    expect(result.mime).toBe('application/vnd.ms-outlook');
    expect(result.pages).toEqual(['Subject: Lease renewal\nFrom: landlord@x.com\nTo: us@y.com\n\nTerm: 36 months.']);
  });

  it('reads a mail saved under another name by its header, but a PDF named .eml stays a PDF', async () => {
    const eml = makeEml({ from: 'a@x.com', to: ['b@y.com'], subject: 'Saved as text', text: 'x' });
    expect((await extractText(eml, 'mail.txt', extractors)).format).toBe('eml');
    const pdf = await makePdf([['Contract']]);
    expect((await extractText(pdf, 'contract.eml', extractors)).format).toBe('pdf');
  });

  it('refuses a damaged .eml through the registry as EMAIL_UNREADABLE', async () => {
    const garbage = Uint8Array.from({ length: 2000 }, (_, i) => (i * 97 + 5) % 256);
    const error = await refusal(extractText(garbage, 'broken.eml', extractors));
    expect(error.code).toBe('EMAIL_UNREADABLE');
    expect(error.params).toEqual({ file: 'broken.eml' });
  });
});
