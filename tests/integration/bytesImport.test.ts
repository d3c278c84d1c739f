import { request as httpRequest } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATION_HEADER } from '../../src-shared/api/bytesImport.ts';
import { startWebBridge, type WebBridge } from '../../src-main/web/webBridge.ts';
import { makePdf } from '../fixtures/makePdf.ts';
import { createTestVault, expectError } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

/** POSTs one call to the bridge, with or without the operation header, and returns status and the parsed result line. */
function post(bridge: WebBridge, name: string, input: unknown, declared: string | null): Promise<{ status: number; result: { ok: boolean; value?: unknown; error?: { code: string } } | null }> {
  const body = JSON.stringify({ name, input });
  const headers: Record<string, string> = { Host: `127.0.0.1:${bridge.port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}` };
  if (declared !== null) headers[OPERATION_HEADER] = declared;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: bridge.port, path: '/api/invoke', method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        const last = text.trim().split('\n').at(-1) ?? '';
        const result = res.statusCode === 200 ? (JSON.parse(last) as { result: never }).result : null;
        resolve({ status: res.statusCode ?? 0, result });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('contracts.importBytes on a real vault', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  it('imports dropped bytes for a Chinese-named customer, byte-exact, and writes nothing readable to disk', async () => {
    const customerName = '上海浦江贸易有限公司';
    const customer = await vault.call('customers.add', { name: customerName });
    const one = await makePdf([['Framework Supply Agreement Pujiang', 'Payment within thirty days.']]);
    const two = await makePdf([['Maintenance Agreement Pujiang', 'Annual fee CNY 120,000.']]);
    const outcomes = await vault.call('contracts.importBytes', {
      files: [{ name: 'Framework-Pujiang.pdf', base64: b64(one) }, { name: '维护合同.pdf', base64: b64(two) }],
      customer: customer.id,
    });
    expect(outcomes.map((o) => [o.file, o.status])).toEqual([['Framework-Pujiang.pdf', 'imported'], ['维护合同.pdf', 'imported']]);
    const listed = await vault.call('contracts.list', { customer: customer.id });
    expect(listed.map((c) => c.title).sort()).toEqual(['Framework-Pujiang', '维护合同'].sort());

    const first = outcomes[0];
    if (first?.status !== 'imported') throw new Error('first file not imported');
    const detail = await vault.call('contracts.get', { id: first.contractId });
    expect(detail.files[0]?.versions[0]?.sourcePath ?? null).toBeNull();
    const out = join(vault.root, 'exported.pdf');
    await vault.call('files.export', { contractId: first.contractId, outPath: out });
    expect(Buffer.compare(await readFile(out), Buffer.from(one))).toBe(0);

    // The same bytes dropped again are a duplicate, not a second contract.
    const [again] = await vault.call('contracts.importBytes', { files: [{ name: 'copy.pdf', base64: b64(one) }] });
    expect(again?.status).toBe('duplicate');

    // Only the export we asked for holds the text; the vault's files and everything else hold no name, title or text.
    const leaks = ['Pujiang', customerName, '维护合同', 'Framework'].flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')]);
    for (const file of (await listFiles(vault.root)).filter((f) => f !== out)) {
      const bytes = await readFile(file);
      for (const leak of leaks) expect(bytes.includes(leak), `${file} contains ${leak.toString()}`).toBe(false);
    }
  });

  it('refuses empty and oversized files per file, and names that are paths for the whole call', async () => {
    await vault.call('settings.update', { importMaxFileBytes: 1000 });
    const outcomes = await vault.call('contracts.importBytes', {
      files: [{ name: 'empty.pdf', base64: '' }, { name: 'big.txt', base64: b64('x'.repeat(1001)) }, { name: 'ok.txt', base64: b64('Lease of office 3B, 合同') }],
    });
    expect(outcomes.map((o) => (o.status === 'failed' ? o.error.code : o.status))).toEqual(['FILE_EMPTY', 'FILE_TOO_LARGE', 'imported']);
    for (const name of ['../escape.pdf', 'dir/file.pdf', 'a\\b.pdf', 'nul\u0000.pdf']) {
      expectError(await vault.backend.invoke('contracts.importBytes', { files: [{ name, base64: b64('text') }] }), 'INVALID_INPUT');
    }
    expectError(await vault.backend.invoke('contracts.importBytes', { files: [{ name: 'a.txt', base64: 'not base64!' }] }), 'INVALID_INPUT');
    expect(await vault.call('contracts.list', {})).toHaveLength(1);
  });

  it('the bridge raises the body limit for a declared bytes import only, up to the vault import limit', async () => {
    const bridge = await startWebBridge({ backend: vault.backend });
    try {
      // 2.4 MiB of text: over the 1 MiB default body, under the vault's default 512 MiB import limit.
      const big = `Consulting agreement 顾问合同\n${'clause text '.repeat(210_000)}`;
      const input = { files: [{ name: 'consulting.txt', base64: b64(big) }] };
      expect((await post(bridge, 'contracts.importBytes', input, null)).status).toBe(413);
      expect((await post(bridge, 'contracts.importBytes', input, 'vault.status')).status).toBe(413);
      const small = { files: [{ name: 'small.txt', base64: b64('Small lease 小合同') }] };
      expect((await post(bridge, 'contracts.importBytes', small, 'vault.status')).status).toBe(400);
      const accepted = await post(bridge, 'contracts.importBytes', input, 'contracts.importBytes');
      expect(accepted.status).toBe(200);
      expect(accepted.result).toMatchObject({ ok: true, value: [{ file: 'consulting.txt', status: 'imported' }] });
      // With a 1.5 MiB vault limit the same request no longer fits the body it may send.
      await vault.call('settings.update', { importMaxFileBytes: 1.5 * 1024 * 1024 });
      expect((await post(bridge, 'contracts.importBytes', { files: [{ name: 'again.txt', base64: b64(`${big} v2`) }] }, 'contracts.importBytes')).status).toBe(413);
    } finally {
      await bridge.close();
    }
  });
});
