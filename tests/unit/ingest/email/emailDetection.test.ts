import { describe, expect, it } from 'vitest';
import { emailAddressesOf, emailFormatOf, hasMessageHeaderShape, isEmail } from '../../../../src-main/core/ingest/email/emailDetection.ts';
import { parseEmail } from '../../../../src-main/core/ingest/email/emailParser.ts';
import type { ParsedEmail } from '../../../../src-main/core/ingest/email/parsedEmail.ts';
import { makeEml } from '../../../fixtures/email/makeEml.ts';
import { makeMsg } from '../../../fixtures/email/makeMsg.ts';
import { refusal } from '../../../helpers/refusal.ts';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const cfbMagic = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

describe('isEmail', () => {
  it('claims .eml by name whatever it holds, and MIME text by its header shape under any name', () => {
    expect(isEmail('Contract.EML', text('garbage'))).toBe(true);
    const eml = makeEml({ from: 'a@x.com', to: ['b@y.com'], subject: 'x', text: 'x' });
    expect(isEmail('', eml)).toBe(true);
    expect(isEmail('saved-mail.txt', eml)).toBe(true);
    expect(emailFormatOf('exported.msg', eml)).toBe('eml');
  });

  it('recognises real header blocks in the first KiB, an mbox envelope line included', () => {
    expect(hasMessageHeaderShape(text('Received: from mx by mail; Tue, 1 Jul 2025\r\n\tid 42\r\nFrom: a@x.com\r\nSubject: hi\r\n\r\nbody'))).toBe(true);
    expect(hasMessageHeaderShape(text('From a@x.com Tue Jul  1 10:00:00 2025\nReturn-Path: <a@x.com>\nMIME-Version: 1.0\n\n'))).toBe(true);
    // The first KiB may end inside the header block.
    expect(hasMessageHeaderShape(text(`From: a@x.com\r\nTo: b@y.com\r\nX-Long: ${'y'.repeat(2000)}`))).toBe(true);
  });

  it('does not take notes, memos or binaries for mail', () => {
    expect(hasMessageHeaderShape(text('Subject: minutes\nDate: Monday\n\nWe agreed...'))).toBe(false); // no origin field
    expect(hasMessageHeaderShape(text('From: Alice\nTo: Bob\n\nMemo'))).toBe(false); // no address
    expect(hasMessageHeaderShape(text('Dear customer,\nFrom: a@x.com\n'))).toBe(false); // starts with prose
    expect(hasMessageHeaderShape(text('From: a@x.com\nTo: b@\u0000y.com\n\n'))).toBe(false);
    expect(isEmail('notes.txt', text('Subject: minutes\nDate: Monday\n\nWe agreed...'))).toBe(false);
  });

  it('claims .msg only by name and compound-file signature, so legacy .doc/.xls stay with their own extractor', () => {
    expect(emailFormatOf('mail.MSG', cfbMagic)).toBe('msg');
    expect(isEmail('', cfbMagic)).toBe(false);
    expect(isEmail('letter.doc', cfbMagic)).toBe(false);
    expect(isEmail('mail.msg', text('not a compound file'))).toBe(false);
  });
});

describe('emailAddressesOf', () => {
  it('lists From, To, Cc and Reply-To addresses once each', () => {
    const mail: ParsedEmail = {
      format: 'eml',
      subject: '',
      from: [{ name: 'A', address: 'a@x.com' }],
      to: [{ address: 'b@y.com' }, { address: 'a@x.com' }],
      cc: [{ address: 'c@z.cn' }],
      replyTo: [{ address: 'b@y.com' }, { address: 'r@x.com' }],
      bodyText: '',
      attachments: [],
    };
    expect(emailAddressesOf(mail)).toEqual(['a@x.com', 'b@y.com', 'c@z.cn', 'r@x.com']);
  });
});

describe('parseEmail', () => {
  it('dispatches on the detected format and refuses anything else as EMAIL_UNREADABLE', async () => {
    const eml = makeEml({ from: 'a@x.com', to: ['b@y.com'], subject: 'MIME', text: 'x' });
    const msg = makeMsg({ subject: 'Outlook', body: 'x', from: { address: 'a@x.com' }, to: [{ address: 'b@y.com' }] });
    expect((await parseEmail(eml, 'a.eml')).format).toBe('eml');
    expect((await parseEmail(msg, 'a.msg')).subject).toBe('Outlook');
    expect((await refusal(parseEmail(text('hello'), 'a.txt'))).code).toBe('EMAIL_UNREADABLE');
  });
});
