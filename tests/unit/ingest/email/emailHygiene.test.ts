import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emlExtractor, msgExtractor } from '../../../../src-main/core/ingest/email/emailExtractor.ts';
import { parseEml } from '../../../../src-main/core/ingest/email/emlParser.ts';
import { parseMsg } from '../../../../src-main/core/ingest/email/msgParser.ts';
import { makeEml } from '../../../fixtures/email/makeEml.ts';
import { makeMsg } from '../../../fixtures/email/makeMsg.ts';

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Every kind of mail the parsers handle, the awkward ones included, parsed start to finish. */
async function parseEverything(): Promise<void> {
  const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
  const inner = makeEml({ from: 'v@v.cn', to: ['a@x.com'], subject: '内层', text: 'inner' });
  for (const charset of ['utf-8', 'gbk'] as const) {
    const eml = makeEml({
      charset,
      from: { name: '张三', address: 'z@x.cn' },
      to: ['b@y.com'],
      subject: '采购合同',
      text: '正文',
      html: '<p>正文</p><img src="cid:i">',
      attachments: [
        { fileName: '合同.pdf', contentType: 'application/pdf', bytes: pdf },
        { fileName: 'i.png', contentType: 'image/png', bytes: Uint8Array.from([0x89, 0x50]), contentId: 'i', disposition: 'inline' },
        { contentType: 'message/rfc822', bytes: inner },
      ],
    });
    await parseEml(eml, 'a.eml');
    await emlExtractor.extract(eml, 'a.eml');
  }
  // An HTML body beyond html-to-text's own limit would make it console.warn; the parser must not get there.
  const bigHtml = `<p>${'x'.repeat(50_000)}</p>`;
  await parseEml(makeEml({ from: 'a@x.com', to: ['b@y.com'], subject: 'big', html: bigHtml }), 'big.eml', { limits: { maxHtmlChars: 10_000 } });
  // msgreader reports this broken calendar property with console.debug.
  const msg = makeMsg({
    subject: 'Outlook',
    html: '<p>hello</p>',
    from: { address: 'a@x.com' },
    to: [{ address: 'b@y.com' }],
    brokenRecurrence: true,
    attachments: [{ fileName: '合同.pdf', bytes: pdf }],
    embedded: [{ displayName: 'inner', message: { subject: 'in', body: 'in', from: { address: 'c@z.com' }, to: [] } }],
  });
  await parseMsg(msg, 'a.msg');
  await msgExtractor.extract(msg, 'a.msg');
  await parseEml(Uint8Array.from({ length: 3000 }, (_, i) => (i * 13) % 256), 'bad.eml').catch(() => undefined);
  await parseMsg(msg.slice(0, 1500), 'bad.msg').catch(() => undefined);
}

describe('e-mail parsing leaves no trace', () => {
  const savedTmp = process.env['TMPDIR'];
  const savedCwd = process.cwd();
  let sandbox = '';

  afterEach(() => {
    process.chdir(savedCwd);
    if (savedTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = savedTmp;
    vi.restoreAllMocks();
    if (sandbox !== '') rmSync(sandbox, { recursive: true, force: true });
  });

  it('writes no file to the temp folder or the working folder, and prints nothing', async () => {
    sandbox = mkdtempSync(path.join(os.tmpdir(), 'cvault-email-'));
    const tmp = path.join(sandbox, 'tmp');
    const cwd = path.join(sandbox, 'cwd');
    mkdirSync(tmp);
    mkdirSync(cwd);
    // os.tmpdir() reads TMPDIR on every call, so any library asking for a temp folder gets this one.
    process.env['TMPDIR'] = tmp;
    process.chdir(cwd);
    expect(os.tmpdir()).toBe(tmp);

    const printed: string[] = [];
    const record = (...args: unknown[]): void => {
      printed.push(args.map(String).join(' '));
    };
    for (const name of consoleMethods) vi.spyOn(console, name).mockImplementation(record);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (record(chunk), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (record(chunk), true));

    await parseEverything();

    vi.restoreAllMocks();
    expect(printed).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
