import { describe, expect, it } from 'vitest';
import { parseEml } from '../../../../src-main/core/ingest/email/emlParser.ts';
import { signedMimeEntity } from '../../../../src-main/core/ingest/email/smimeSignedContent.ts';
import { makeOpaqueSignedEml, mixedEntity, signedData } from '../../../fixtures/email/makeSmime.ts';
import { makePdf } from '../../../fixtures/makePdf.ts';

describe('opaque-signed S/MIME mail (smime.p7m)', () => {
  it('reads the body and files inside the signature, byte-identical, under the outer headers', async () => {
    const pdf = await makePdf([['Service Agreement', 'Contract No. SV-2026-3']]);
    const entity = mixedEntity('您好，签署版合同见附件。', pdf, '服务合同.pdf');
    expect(Buffer.compare(Buffer.from((await signedMimeEntity(signedData(entity))) ?? []), Buffer.from(entity))).toBe(0);
    const mail = await parseEml(makeOpaqueSignedEml({ from: 'legal@customer.example', to: 'me@firm.example', subject: 'Signed', p7m: signedData(entity) }), 's.eml');
    expect(mail.subject).toBe('Signed');
    expect(mail.from).toEqual([{ address: 'legal@customer.example' }]);
    expect(mail.bodyText).toBe('您好，签署版合同见附件。');
    expect(mail.attachments.map((a) => [a.fileName, a.contentType])).toEqual([['服务合同.pdf', 'application/pdf']]);
    expect(Buffer.compare(Buffer.from(mail.attachments[0]?.bytes ?? []), Buffer.from(pdf))).toBe(0);
  });

  it('keeps smime.p7m as it is when it is encrypted, not signed data, or damaged', async () => {
    const entity = mixedEntity('x', await makePdf([['x']]), 'x.pdf');
    const p7m = signedData(entity);
    const cases = [
      makeOpaqueSignedEml({ from: 'a@x.example', to: 'b@y.example', subject: 'enc', p7m, smimeType: 'enveloped-data' }),
      makeOpaqueSignedEml({ from: 'a@x.example', to: 'b@y.example', subject: 'cut', p7m: p7m.subarray(0, p7m.length / 2) }),
      makeOpaqueSignedEml({ from: 'a@x.example', to: 'b@y.example', subject: 'junk', p7m: Uint8Array.from({ length: 300 }, (_, i) => (i * 31) & 0xff) }),
      // 100,000 nested SEQUENCE headers: deep enough to exhaust a recursive parser.
      makeOpaqueSignedEml({ from: 'a@x.example', to: 'b@y.example', subject: 'deep', p7m: new Uint8Array(Array.from({ length: 100_000 }, () => [0x30, 0x80]).flat()) }),
    ];
    for (const eml of cases) {
      const mail = await parseEml(eml, 'm.eml');
      expect(mail.attachments.map((a) => a.fileName)).toEqual(['smime.p7m']);
    }
  });
});
