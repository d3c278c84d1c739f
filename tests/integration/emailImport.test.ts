import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEml } from '../fixtures/email/makeEml.ts';
import { makeTnef } from '../fixtures/email/makeTnef.ts';
import { makePdf } from '../fixtures/makePdf.ts';
import { createTestVault } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

describe('importing e-mails', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  it('keeps the mail as the record, files its attachments in one contract, and links the customer by the sender\'s address', async () => {
    const customer = await vault.call('customers.add', { name: '北京纷享科技有限公司', email: 'Legal@Fxiaoke.example' });
    const contractPdf = await makePdf([['Service Agreement', 'Contract No. FX-2025-001']]);
    const annexPdf = await makePdf([['Annex 1: price list']]);
    const eml = makeEml({
      from: { name: '法务部', address: 'legal@fxiaoke.example' },
      to: ['sales@ourfirm.example'],
      subject: '服务合同签署版',
      text: '您好，附件是签署版合同和附件一。',
      attachments: [
        { fileName: '服务合同.pdf', contentType: 'application/pdf', bytes: contractPdf },
        { fileName: 'annex-1.pdf', contentType: 'application/pdf', bytes: annexPdf },
        { fileName: 'invite.ics', contentType: 'text/calendar', bytes: new TextEncoder().encode('BEGIN:VCALENDAR') },
      ],
    });
    const mailPath = await vault.writeInput('signed.eml', eml);
    const outcomes = await vault.call('contracts.import', { paths: [mailPath] });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'skipped']);
    const [mail] = outcomes;
    if (mail?.status !== 'imported') throw new Error('mail not imported');
    expect(new Set(outcomes.filter((o) => o.status === 'imported').map((o) => o.status === 'imported' && o.contractId))).toEqual(new Set([mail.contractId]));

    const detail = await vault.call('contracts.get', { id: mail.contractId });
    expect(detail.customerId).toBe(customer.id);
    expect(detail.title).toBe('服务合同');
    expect(detail.files.map((f) => `${f.role}:${f.name}`)).toEqual(['main:服务合同.pdf', 'annex:annex-1.pdf', 'email:signed.eml']);

    // The attachment is stored byte-exact, the mail too.
    const mainFile = detail.files.find((f) => f.role === 'main');
    const out = join(vault.root, 'main.pdf');
    await vault.call('files.export', { contractId: mail.contractId, fileId: mainFile?.id, outPath: out });
    expect(Buffer.compare(await readFile(out), Buffer.from(contractPdf))).toBe(0);
    const mailOut = join(vault.root, 'mail.eml');
    await vault.call('files.export', { contractId: mail.contractId, fileId: detail.files.find((f) => f.role === 'email')?.id, outPath: mailOut });
    expect(Buffer.compare(await readFile(mailOut), Buffer.from(eml))).toBe(0);
    expect((await vault.call('vault.verify', {})).ok).toBe(true);
  });

  it('files the contract an Outlook "Rich Text" mail carries inside winmail.dat, searchable', async () => {
    const pdf = await makePdf([['Lease Agreement', 'Contract No. LS-2026-08']]);
    const winmail = makeTnef({ files: [{ title: 'LEASE~1.PDF', longName: '租赁合同 Lease.pdf', mimeTag: 'application/pdf', bytes: pdf }], body: 'Signed lease attached.' });
    const eml = makeEml({ from: 'landlord@example.com', to: ['me@firm.example'], subject: 'Lease',
      attachments: [{ fileName: 'winmail.dat', contentType: 'application/ms-tnef', bytes: winmail }] });
    const outcomes = await vault.call('contracts.import', { paths: [await vault.writeInput('lease.eml', eml)] });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported']);
    const [mail] = outcomes;
    if (mail?.status !== 'imported') throw new Error('mail not imported');
    const detail = await vault.call('contracts.get', { id: mail.contractId });
    expect(detail.files.map((f) => `${f.role}:${f.name}`)).toEqual(['main:租赁合同 Lease.pdf', 'email:lease.eml']);
    const hits = await vault.call('search.query', { text: 'LS-2026-08' });
    expect(hits.hits.map((h) => h.contractId)).toContain(mail.contractId);
  });

  it('does not guess a customer when the addresses match nobody or two customers', async () => {
    await vault.call('customers.add', { name: 'A', email: 'x@a.example' });
    await vault.call('customers.add', { name: 'B', email: 'y@b.example' });
    const eml = makeEml({ from: 'x@a.example', replyTo: ['y@b.example'], to: ['me@firm.example'], subject: 'Contract', text: 'see attached',
      attachments: [{ fileName: 'c.pdf', contentType: 'application/pdf', bytes: await makePdf([['c']]) }] });
    const [mail] = await vault.call('contracts.import', { paths: [await vault.writeInput('m.eml', eml)] });
    if (mail?.status !== 'imported') throw new Error('mail not imported');
    expect((await vault.call('contracts.get', { id: mail.contractId })).customerId).toBeNull();
  });
});
