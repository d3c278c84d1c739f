import { describe, expect, it } from 'vitest';
import { parseEml } from '../../../../src-main/core/ingest/email/emlParser.ts';
import { parseMsg } from '../../../../src-main/core/ingest/email/msgParser.ts';
import { readTnef } from '../../../../src-main/core/ingest/email/tnefReader.ts';
import { compressRtf } from '../../../fixtures/email/compressRtf.ts';
import { makeEml } from '../../../fixtures/email/makeEml.ts';
import { makeMsg } from '../../../fixtures/email/makeMsg.ts';
import { makeTnef } from '../../../fixtures/email/makeTnef.ts';
import { makePdf } from '../../../fixtures/makePdf.ts';
import { refusal } from '../../../helpers/refusal.ts';

const sheet = Uint8Array.from({ length: 5000 }, (_, i) => (i * 13 + 7) % 256);

function mailWithWinmail(winmail: Uint8Array, text?: string): Uint8Array {
  return makeEml({
    from: 'legal@customer.example',
    to: ['sales@firm.example'],
    subject: 'Signed contract',
    ...(text === undefined ? {} : { text }),
    attachments: [{ fileName: 'winmail.dat', contentType: 'application/ms-tnef', bytes: winmail }],
  });
}

describe('winmail.dat (TNEF)', () => {
  it('replaces winmail.dat by the files it carries, byte-identical, with their long Unicode names', async () => {
    const pdf = await makePdf([['Purchase Agreement', 'Contract No. PO-2026-17']]);
    const winmail = makeTnef({
      files: [
        { title: 'PURCHA~1.PDF', longName: '采购合同 Purchase Agreement.pdf', mimeTag: 'application/pdf', bytes: pdf },
        { title: 'PRICES.XLS', bytes: sheet },
      ],
      embeddedMessage: true,
    });
    const mail = await parseEml(mailWithWinmail(winmail, 'Please find the signed contract attached.'), 'tnef.eml');
    expect(mail.attachments.map((a) => [a.fileName, a.contentType, a.inline])).toEqual([
      ['采购合同 Purchase Agreement.pdf', 'application/pdf', false],
      ['PRICES.XLS', 'application/vnd.ms-excel', false],
    ]);
    expect(Buffer.compare(Buffer.from(mail.attachments[0]?.bytes ?? []), Buffer.from(pdf))).toBe(0);
    expect(Buffer.compare(Buffer.from(mail.attachments[1]?.bytes ?? []), Buffer.from(sheet))).toBe(0);
    expect(mail.bodyText).toBe('Please find the signed contract attached.');
  });

  it('takes the body from the TNEF when the mail itself has none: attBody, or the compressed RTF', async () => {
    const withBody = await parseEml(mailWithWinmail(makeTnef({ files: [], body: 'Body kept in attBody.' })), 'a.eml');
    expect(withBody.bodyText).toBe('Body kept in attBody.');
    const rtf = String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}\pard Term: 36 months.\par Amount: EUR 12,000.\par}`;
    const withRtf = await parseEml(mailWithWinmail(makeTnef({ files: [], rtfCompressed: compressRtf(Buffer.from(rtf, 'latin1')) })), 'b.eml');
    expect(withRtf.bodyText).toBe('Term: 36 months.\nAmount: EUR 12,000.');
  });

  it('unpacks a winmail.dat attached to an Outlook item too', async () => {
    const pdf = await makePdf([['NDA']]);
    const msg = makeMsg({
      subject: 'fwd', body: 'see attached', from: { address: 'a@x.com' }, to: [{ address: 'b@y.com' }],
      attachments: [{ fileName: 'winmail.dat', mimeTag: 'application/ms-tnef', bytes: makeTnef({ files: [{ title: 'NDA.PDF', longName: 'NDA signed.pdf', bytes: pdf }] }) }],
    });
    const mail = await parseMsg(msg, 'fwd.msg');
    expect(mail.attachments.map((a) => a.fileName)).toEqual(['NDA signed.pdf']);
  });

  it('keeps a damaged winmail.dat as it is instead of a partial list, and reads no byte past the end', async () => {
    const good = makeTnef({ files: [{ title: 'A.PDF', bytes: sheet }] });
    const truncated = good.subarray(0, good.length - 100);
    const forgedLength = good.slice();
    // The first attribute's length field (after signature, key, level and tag) claims 2 GiB.
    new DataView(forgedLength.buffer).setUint32(6 + 1 + 4, 0x7fff_ffff, true);
    const forgedCount = makeTnef({ files: [{ title: 'B.PDF', longName: 'b.pdf', bytes: sheet }] });
    const listAt = Buffer.from(forgedCount).lastIndexOf(Buffer.from([0x05, 0x90, 0x06, 0x00])) + 8;
    new DataView(forgedCount.buffer).setUint32(listAt, 0xffff_ffff, true); // property count
    for (const damaged of [truncated, forgedLength, forgedCount]) {
      expect(readTnef(damaged)).toBeUndefined();
      const mail = await parseEml(mailWithWinmail(damaged, 'x'), 'damaged.eml');
      expect(mail.attachments.map((a) => a.fileName)).toEqual(['winmail.dat']);
      expect(Buffer.compare(Buffer.from(mail.attachments[0]?.bytes ?? []), Buffer.from(damaged))).toBe(0);
    }
  });

  it('applies the attachment limit to the unpacked files', async () => {
    const winmail = makeTnef({ files: Array.from({ length: 5 }, (_, i) => ({ title: `F${i}.PDF`, bytes: sheet })) });
    const error = await refusal(parseEml(mailWithWinmail(winmail, 'x'), 'many.eml', { limits: { maxAttachments: 3 } }));
    expect(error.code).toBe('ARCHIVE_LIMIT_EXCEEDED');
  });
});
