import { describe, expect, it } from 'vitest';
import { isSafeCompoundFile } from '../../../../src-main/core/ingest/email/compoundFileCheck.ts';
import { parseMsg } from '../../../../src-main/core/ingest/email/msgParser.ts';
import { makePdf } from '../../../fixtures/makePdf.ts';
import { compressRtf } from '../../../fixtures/email/compressRtf.ts';
import { makeMsg } from '../../../fixtures/email/makeMsg.ts';
import type { MakeMsgOptions } from '../../../fixtures/email/makeMsg.ts';
import { refusal } from '../../../helpers/refusal.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
// Over 4096 bytes, so it lives in the big-sector FAT, not the mini stream; every byte value appears.
const docxBytes = Uint8Array.from({ length: 9000 }, (_, i) => (i * 7 + 3) % 256);
docxBytes.set([0x50, 0x4b, 0x03, 0x04], 0);

/** Index of the directory entry with this name in a fixture (its directory sits in one 512-byte sector). */
function entryIndex(file: Uint8Array, name: string): number {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const directory = (view.getInt32(0x30, true) + 1) * 512;
  for (let i = 0; i < 4; i++) {
    const offset = directory + 128 * i;
    const length = Math.max(0, view.getUint16(offset + 0x40, true) - 2);
    if (Buffer.from(file.subarray(offset, offset + length)).toString('utf16le') === name) return i;
  }
  throw new Error(`no entry ${name} in the first directory sector`);
}

function directoryEntryOffset(file: Uint8Array, name: string): number {
  return (new DataView(file.buffer, file.byteOffset, file.byteLength).getInt32(0x30, true) + 1) * 512 + 128 * entryIndex(file, name);
}

const simple: MakeMsgOptions = { subject: 's', body: 'b', from: { address: 'a@x.com' }, to: [{ address: 'b@y.com' }] };

describe('parseMsg', () => {
  it('round-trips subject, sender, recipients, date, body and byte-identical attachments', async () => {
    const pdf = await makePdf([['Service Agreement SA-7']]);
    expect(pdf.length).toBeLessThan(4096); // the other storage path: the mini stream
    const msg = makeMsg({
      subject: '服务合同 Service Agreement',
      body: '您好，\r\n附件为服务合同。',
      from: { name: '王五', address: 'Wang.Wu@Supplier.CN' },
      to: [{ name: 'Buyer', address: 'Buyer@Customer.com' }, { address: 'ops@customer.com' }],
      cc: [{ name: '法务', address: 'Legal@Customer.com' }],
      date: new Date('2025-03-04T05:06:07Z'),
      messageId: '<abc.123@supplier.cn>',
      attachments: [
        { fileName: '服务合同.pdf', bytes: pdf, mimeTag: 'application/pdf' },
        { fileName: 'annex.docx', bytes: docxBytes },
      ],
    });
    const mail = await parseMsg(msg, 'mail.msg');
    expect(mail).toMatchObject({
      format: 'msg',
      subject: '服务合同 Service Agreement',
      from: [{ name: '王五', address: 'wang.wu@supplier.cn' }],
      to: [{ name: 'Buyer', address: 'buyer@customer.com' }, { address: 'ops@customer.com' }],
      cc: [{ name: '法务', address: 'legal@customer.com' }],
      replyTo: [],
      date: '2025-03-04T05:06:07.000Z',
      messageId: '<abc.123@supplier.cn>',
      bodyText: '您好，\n附件为服务合同。',
    });
    expect(mail.attachments.map(({ fileName, contentType, inline }) => ({ fileName, contentType, inline }))).toEqual([
      { fileName: '服务合同.pdf', contentType: 'application/pdf', inline: false },
      // No MIME tag stored: the type comes from the name.
      { fileName: 'annex.docx', contentType: DOCX_TYPE, inline: false },
    ]);
    expect(Buffer.from(mail.attachments[0]?.bytes ?? []).equals(Buffer.from(pdf))).toBe(true);
    expect(Buffer.from(mail.attachments[1]?.bytes ?? []).equals(Buffer.from(docxBytes))).toBe(true);
  });

  it('leaves the caller\'s bytes untouched', async () => {
    const msg = makeMsg({ ...simple, attachments: [{ fileName: 'a.docx', bytes: docxBytes }] });
    const before = Buffer.from(msg);
    await parseMsg(msg, 'mail.msg');
    expect(Buffer.from(msg).equals(before)).toBe(true);
  });

  it('keeps an attached Outlook item as a .msg attachment that parses in its own right', async () => {
    const msg = makeMsg({
      ...simple,
      embedded: [
        {
          displayName: '转发：报价单',
          message: { subject: '报价单 Quotation', body: 'inner', from: { address: 'vendor@v.cn' }, to: [{ address: 'a@x.com' }] },
        },
      ],
    });
    const mail = await parseMsg(msg, 'outer.msg');
    expect(mail.attachments.map((a) => [a.fileName, a.contentType])).toEqual([['转发：报价单.msg', 'application/vnd.ms-outlook']]);
    const inner = await parseMsg(mail.attachments[0]?.bytes ?? new Uint8Array(), '转发：报价单.msg', { depth: 1 });
    expect(inner).toMatchObject({ subject: '报价单 Quotation', bodyText: 'inner', from: [{ address: 'vendor@v.cn' }] });
  });

  it('takes an Exchange-only sender, Reply-To and the recipients from the transport headers', async () => {
    const transportHeaders = [
      'Received: from mx.example.com by mail.example.com; Tue, 1 Jul 2025 10:00:00 +0800',
      'From: =?UTF-8?B?6LW15YWt?= <Zhao.Liu@Example.com>',
      'To: buyer@customer.com',
      'Reply-To: contracts@example.com',
      'Subject: header subject',
      'Date: Tue, 01 Jul 2025 10:00:00 +0800',
      'Message-ID: <hdr@example.com>',
      'MIME-Version: 1.0',
    ].join('\r\n');
    const mail = await parseMsg(
      makeMsg({ subject: 'x', body: 'b', from: { name: '赵六', address: 'zhao.liu@example.com', exchangeOnly: true }, to: [], transportHeaders }),
      'exchange.msg',
    );
    expect(mail.from).toEqual([{ name: '赵六', address: 'zhao.liu@example.com' }]);
    expect(mail.to).toEqual([{ address: 'buyer@customer.com' }]);
    expect(mail.replyTo).toEqual([{ address: 'contracts@example.com' }]);
    expect(mail.date).toBe('2025-07-01T02:00:00.000Z');
    expect(mail.messageId).toBe('<hdr@example.com>');
  });

  it('turns an HTML-only body into text and marks pictures the HTML shows as inline', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
    const mail = await parseMsg(
      makeMsg({
        ...simple,
        body: undefined,
        html: '<p>请于&nbsp;7 月 1 日前签署。</p><img src="cid:logo001">',
        attachments: [
          { fileName: 'image001.png', bytes: png, mimeTag: 'image/png', contentId: 'logo001' },
          { fileName: 'hidden.png', bytes: png, mimeTag: 'image/png', hidden: true },
          { fileName: 'photo.png', bytes: png, mimeTag: 'image/png' },
        ],
      }),
      'html.msg',
    );
    expect(mail.bodyText).toBe('请于 7 月 1 日前签署。');
    expect(mail.attachments.map((a) => [a.fileName, a.inline])).toEqual([
      ['image001.png', true],
      ['hidden.png', true],
      ['photo.png', false],
    ]);
  });

  it('reads a body kept only as compressed RTF that wraps HTML, as Outlook writes HTML mail', async () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}` +
      String.raw`{\*\htmltag64 <html><body>}{\*\htmltag84 <p>}Contract No. HT-2026-0042 is attached, ` +
      String.raw`\htmlrtf {\f0 ignored rtf-only text}\htmlrtf0 signed by both parties.{\*\htmltag244 </p>}{\*\htmltag72 </body></html>}}`;
    const mail = await parseMsg(makeMsg({ ...simple, body: undefined, rtfCompressed: compressRtf(Buffer.from(rtf, 'latin1')) }), 'rtfhtml.msg');
    expect(mail.bodyText).toBe('Contract No. HT-2026-0042 is attached, signed by both parties.');
  });

  it('reads a body written as RTF: Chinese in the code page and as \\u escapes, without document properties or pictures', async () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}{\f1\fswiss Arial;}}` +
      String.raw`{\info{\title Internal draft title}{\author someone}}\uc1\pard\f0 \'ba\'cf\'cd\'ac\'b1\'e0\'ba\'c5\f1 : HT-7\par ` +
      String.raw`\u30002?\u26041? ACME\tab Ltd.\par{\pict\pngblip 89504e470d0a1a0a}end}`;
    const mail = await parseMsg(makeMsg({ ...simple, body: undefined, rtfCompressed: compressRtf(Buffer.from(rtf, 'latin1')) }), 'rtf.msg');
    expect(mail.bodyText).toBe('合同编号: HT-7\n甲方 ACME\tLtd.\nend');
  });

  it('keeps a mail whose compressed RTF is damaged or forged, with an empty body, without running away', async () => {
    const good = compressRtf(Buffer.from(String.raw`{\rtf1\ansi hello\par}`, 'latin1'));
    const forged = good.slice();
    new DataView(forged.buffer).setUint32(0, 0x7fff_ffff, true); // a size far past the bytes there are
    const garbage = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff);
    for (const rtfCompressed of [forged, garbage, good.subarray(0, 10)]) {
      const started = Date.now();
      const mail = await parseMsg(makeMsg({ ...simple, body: undefined, rtfCompressed }), 'broken.msg');
      expect(mail.bodyText).toBe('');
      expect(mail.subject).toBe('s');
      expect(Date.now() - started).toBeLessThan(2000);
    }
    // 100,000 nested groups: the RTF parser slows with nesting depth, so such a body is skipped at once.
    const deep = compressRtf(Buffer.from(`{\\rtf1 ${'{'.repeat(100_000)}x${'}'.repeat(100_000)}}`, 'latin1'));
    const started = Date.now();
    expect((await parseMsg(makeMsg({ ...simple, body: undefined, rtfCompressed: deep }), 'deep.msg')).bodyText).toBe('');
    expect(Date.now() - started).toBeLessThan(1000);
    const intact = await parseMsg(makeMsg({ ...simple, body: undefined, rtfCompressed: good }), 'ok.msg');
    expect(intact.bodyText).toBe('hello');
  });

  it('decodes 8-bit strings of a pre-Unicode item in its declared code page (GBK)', async () => {
    const mail = await parseMsg(
      makeMsg({ ansiGbk: true, subject: '采购合同 第3版', body: '正文内容', from: { name: '张三', address: 'z@x.cn' }, to: [{ name: '李四', address: 'l@y.cn' }] }),
      'ansi.msg',
    );
    expect(mail).toMatchObject({ subject: '采购合同 第3版', bodyText: '正文内容', from: [{ name: '张三' }], to: [{ name: '李四' }] });
  });

  it('refuses what is not an Outlook item as EMAIL_UNREADABLE', async () => {
    const msg = makeMsg(simple);
    const cases = [
      new TextEncoder().encode('From: a@x.com\r\n\r\nnot a compound file'),
      msg.slice(0, 1200), // cut short
      Uint8Array.from({ length: 2048 }, (_, i) => (i < 8 ? [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1][i] ?? 0 : (i * 31) % 256)),
    ];
    for (const bytes of cases) {
      const error = await refusal(parseMsg(bytes, 'bad.msg'));
      expect(error.code).toBe('EMAIL_UNREADABLE');
      expect(error.params).toEqual({ file: 'bad.msg' });
    }
  });

  it('refuses a compound file that holds no message (a .doc renamed .msg)', async () => {
    const { default: CFB } = await import('cfb');
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, '/WordDocument', Buffer.alloc(600, 1));
    const doc = new Uint8Array(CFB.write(container, { type: 'buffer', fileType: 'cfb' }) as Buffer);
    expect((await refusal(parseMsg(doc, 'letter.msg'))).code).toBe('EMAIL_UNREADABLE');
  });

  it('refuses looping sector chains and directory links before msgreader would spin on them', async () => {
    // Each of these hangs msgreader or makes it allocate until V8 aborts the whole process.
    const chainLoop = makeMsg(simple);
    const view = new DataView(chainLoop.buffer);
    const directoryStart = view.getInt32(0x30, true);
    const firstFatSector = view.getInt32(0x4c, true);
    // The directory's FAT entry points back at the directory itself.
    view.setInt32((firstFatSector + 1) * 512 + 4 * directoryStart, directoryStart, true);

    const siblingLoop = makeMsg(simple);
    new DataView(siblingLoop.buffer).setInt32(directoryEntryOffset(siblingLoop, '__substg1.0_0037001F') + 0x48, entryIndex(siblingLoop, '__substg1.0_0037001F'), true);

    const oversized = makeMsg(simple);
    // The subject stream claims 2 GiB in a 5 KiB file; msgreader would allocate that much.
    new DataView(oversized.buffer).setInt32(directoryEntryOffset(oversized, '__substg1.0_0037001F') + 0x78, 0x7fffffff, true);

    expect(isSafeCompoundFile(makeMsg(simple))).toBe(true);
    for (const bytes of [chainLoop, siblingLoop, oversized]) {
      expect(isSafeCompoundFile(bytes)).toBe(false);
      expect((await refusal(parseMsg(bytes, 'loop.msg'))).code).toBe('EMAIL_UNREADABLE');
    }
  });

  it('refuses items beyond the limits with ARCHIVE_LIMIT_EXCEEDED', async () => {
    const msg = makeMsg({ ...simple, attachments: [1, 2, 3].map((n) => ({ fileName: `${n}.txt`, bytes: new Uint8Array([n]) })) });
    expect((await refusal(parseMsg(msg, 'many.msg', { limits: { maxAttachments: 2 } }))).code).toBe('ARCHIVE_LIMIT_EXCEEDED');
    expect((await refusal(parseMsg(msg, 'big.msg', { limits: { maxBytes: 1024 } }))).code).toBe('ARCHIVE_LIMIT_EXCEEDED');
    expect((await refusal(parseMsg(msg, 'deep.msg', { depth: 4 }))).code).toBe('ARCHIVE_LIMIT_EXCEEDED');
  });
});
