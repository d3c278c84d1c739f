import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAppRequest, routeAppUrl, type AppProtocolOptions } from '../../../src-main/electron/appProtocol.ts';
import { contentSecurityPolicy } from '../../../src-main/electron/contentSecurityPolicy.ts';
import { makePdf } from '../../fixtures/makePdf.ts';
import { createTestVault, expectOk, testPassphrase } from '../../helpers/testVault.ts';

type TestVault = Awaited<ReturnType<typeof createTestVault>>;

describe('app:// and the viewer file protocol', () => {
  let vault: TestVault;
  let options: AppProtocolOptions;
  let contractId: string;
  let versionId: string;
  let otherVersionId: string;
  let pdf: Uint8Array;
  const secret = 'root-secret-outside-the-renderer';

  beforeAll(async () => {
    vault = await createTestVault();
    // A built renderer next to a secret file that must stay out of reach, and a symlink leading to it.
    const rendererRoot = join(vault.root, 'renderer');
    await mkdir(join(rendererRoot, 'assets'), { recursive: true });
    await writeFile(join(rendererRoot, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(vault.root, 'secret.txt'), secret);
    await symlink(join(vault.root, 'secret.txt'), join(rendererRoot, 'assets', 'link.js'));
    options = { rendererRoot, readVaultFile: (input) => vault.backend.readFileForViewer(input) };

    pdf = await makePdf([['Lease agreement', 'Rent 12,000']]);
    await vault.call('contracts.import', { paths: [await vault.writeInput('lease.pdf', pdf), await vault.writeInput('other.txt', 'another contract')] });
    const contracts = await vault.call('contracts.list', {});
    const details = await Promise.all(contracts.map((c) => vault.call('contracts.get', { id: c.id })));
    const lease = details.find((d) => d.files[0]?.name === 'lease.pdf')!;
    const other = details.find((d) => d.files[0]?.name === 'other.txt')!;
    contractId = lease.id;
    versionId = lease.files[0]!.versions[0]!.id;
    otherVersionId = other.files[0]!.versions[0]!.id;
  });
  afterAll(async () => {
    await vault.cleanup();
  });

  const get = (url: string, method = 'GET') => handleAppRequest({ url, method }, options);

  it('serves the built renderer with the CSP header (default-src self, no unsafe-eval)', async () => {
    const index = await get('app://app/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toContain("default-src 'self'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy).toContain("object-src 'none'");
    expect(await (await get('app://app/assets/app.js?v=1#x')).text()).toBe('console.log(1)');
    expect((await get('app://app/assets/app.js', 'HEAD')).status).toBe(200);
    expect((await get('app://app/assets/app.js', 'POST')).status).toBe(405);
    expect((await get('app://app/missing.js')).status).toBe(404);
  });

  it('refuses traversal in every spelling, unknown hosts, and symlinks out of the renderer', async () => {
    const attempts = [
      'app://../../etc/passwd',
      'app://app/../../etc/passwd',
      'app://app/../secret.txt',
      'app://app/assets/../../secret.txt',
      'app://app/%2e%2e/secret.txt',
      'app://app/%2E%2E/%2E%2E/etc/passwd',
      'app://app/assets%2f..%2f..%2fsecret.txt',
      'app://app/%2fetc%2fpasswd',
      'app://app/..%5csecret.txt',
      'app://app/..\\secret.txt',
      'app://app/assets\\..\\..\\secret.txt',
      'app://app/%252e%252e/secret.txt',
      'app://app/C:%5cWindows%5cwin.ini',
      'app://app/assets/app.js%00.html',
      'app://app/%E0%A4%A',
      'app://app//etc/passwd',
      'app://app/./index.html',
      'app://app/assets/link.js',
      'app://evil/index.html',
      'app://app.evil/index.html',
      'app://app@evil/index.html',
      'app://app:8080/index.html',
      'file:///etc/passwd',
      'http://app/index.html',
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain(secret);
      expect(await (await get(url)).text(), url).not.toMatch(/root:.*:0:0:/u);
    }
    expect(routeAppUrl('app://../../etc/passwd')).toMatchObject({ kind: 'refused', reason: 'unknown host' });
    expect(routeAppUrl('app://app/%2e%2e/x')).toMatchObject({ kind: 'refused' });
    expect(routeAppUrl('APP://APP/index.html')).toEqual({ kind: 'static', segments: ['index.html'] });
  });

  it('streams a decrypted version to the viewer, uncached and sandboxed, and audits the view', async () => {
    const before = (await vault.call('audit.list', { recordId: contractId })).filter((e) => e.action === 'file.view').length;
    const response = await get(`app://app/_vault/file/${contractId}/${versionId}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    const after = await vault.call('audit.list', { recordId: contractId });
    expect(after.filter((e) => e.action === 'file.view').length).toBe(before + 1);
    expect(after.find((e) => e.action === 'file.view')?.actor).toBe('tester');
  });

  it('refuses unknown ids, a version of another contract, malformed ids, other methods, and a locked vault', async () => {
    const unknown = 'f'.repeat(32);
    expect((await get(`app://app/_vault/file/${unknown}/${versionId}`)).status).toBe(404);
    expect(await (await get(`app://app/_vault/file/${unknown}/${versionId}`)).text()).toBe('CONTRACT_NOT_FOUND');
    expect((await get(`app://app/_vault/file/${contractId}/${unknown}`)).status).toBe(404);
    // A real version id, but of another contract: not served through this contract's permission.
    expect((await get(`app://app/_vault/file/${contractId}/${otherVersionId}`)).status).toBe(404);
    expect((await get(`app://app/_vault/file/${contractId}`)).status).toBe(404);
    expect((await get(`app://app/_vault/file/${contractId}/${versionId}/extra`)).status).toBe(404);
    expect((await get(`app://app/_vault/file/${contractId.toUpperCase()}/${versionId}`)).status).toBe(404);
    expect((await get(`app://app/_vault/file/..%2f${contractId}/${versionId}`)).status).toBe(400);
    expect((await get(`app://app/_vault/file/${contractId}/${versionId}`, 'POST')).status).toBe(405);
    const views = (await vault.call('audit.list', { recordId: contractId })).filter((e) => e.action === 'file.view').length;

    expectOk(await vault.backend.invoke('vault.lock', {}));
    const locked = await get(`app://app/_vault/file/${contractId}/${versionId}`);
    expect(locked.status).toBe(423);
    expect(await locked.text()).toBe('VAULT_LOCKED');
    expectOk(await vault.backend.invoke('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase }));
    // Refusals wrote no view event.
    expect((await vault.call('audit.list', { recordId: contractId })).filter((e) => e.action === 'file.view').length).toBe(views);
  });
});
