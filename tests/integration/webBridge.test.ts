import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../src-main/core/backend.ts';
import { startWebBridge, type WebBridge } from '../../src-main/web/webBridge.ts';
import { makeTempDir } from '../helpers/tempDir.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A raw HTTP request, so tests can send the Host and Origin headers a browser or an attacker would. */
function raw(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('loopback web bridge', () => {
  let bridge: WebBridge | undefined;
  let backend: Backend | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await bridge?.close();
    await backend?.dispose();
    await cleanup?.();
    bridge = undefined;
  });

  async function start(staticDir?: string) {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    backend = new Backend({ actor: 'web-test', locale: 'en' });
    bridge = await startWebBridge({ backend, ...(staticDir ? { staticDir } : {}) });
    const own = { Host: `127.0.0.1:${bridge.port}`, 'Content-Type': 'application/json' };
    const invoke = async (name: string, input: unknown, headers: Record<string, string> = {}) => raw(bridge!.port, '/api/invoke', {
      method: 'POST', headers: { ...own, Authorization: `Bearer ${bridge!.token}`, ...headers }, body: JSON.stringify({ name, input }),
    });
    return { temp, own, invoke };
  }

  it('runs operations over the same handlers, streaming progress before the result', async () => {
    const { temp, invoke } = await start();
    expect(bridge!.appUrl).toBe(`http://127.0.0.1:${bridge!.port}/#token=${bridge!.token}`);
    const vaultDir = join(temp.dir, 'vault');
    const created = await invoke('vault.create', { vaultDir, passphrase: 'web bridge passphrase', kdf: 'interactive' });
    expect(created.status).toBe(200);
    expect(created.headers['content-type']).toContain('application/x-ndjson');
    expect(JSON.parse(created.body.trim())).toMatchObject({ result: { ok: true, value: { vaultId: expect.any(String) } } });
    const files = await Promise.all(['one', 'two'].map(async (name) => {
      const path = join(temp.dir, `${name}.txt`);
      await writeFile(path, `Contract ${name}: 合同管理 terms`);
      return path;
    }));
    const imported = await invoke('contracts.import', { paths: files });
    const lines = imported.body.trim().split('\n').map((line) => JSON.parse(line) as { progress?: { operation: string; done: number }; result?: { ok: boolean } });
    expect(lines.filter((l) => l.progress).length).toBeGreaterThanOrEqual(2);
    expect(lines.at(-1)).toMatchObject({ result: { ok: true } });
    expect(lines.filter((l) => l.progress).every((l) => l.progress?.operation === 'contracts.import')).toBe(true);
    const found = JSON.parse((await invoke('search.query', { text: '合同管理' })).body.trim()) as { result: { ok: true; value: { total: number } } };
    expect(found.result.value.total).toBe(2);
    const refused = JSON.parse((await invoke('search.query', { text: 'x'.repeat(5000) })).body.trim()) as { result: { ok: false; error: { code: string } } };
    expect(refused.result.error.code).toBe('INVALID_INPUT');
  });

  it('refuses requests without the token, with another token, from another host or another origin', async () => {
    const { own, invoke } = await start();
    const body = JSON.stringify({ name: 'vault.status', input: {} });
    expect((await raw(bridge!.port, '/api/invoke', { method: 'POST', headers: own, body })).status).toBe(401);
    expect((await raw(bridge!.port, '/api/invoke', { method: 'POST', headers: { ...own, Authorization: `Bearer ${'0'.repeat(64)}` }, body })).status).toBe(401);
    // DNS rebinding: the attacker's host name resolves to 127.0.0.1, the browser sends it as Host.
    expect((await invoke('vault.status', {}, { Host: `evil.example:${bridge!.port}` })).status).toBe(403);
    expect((await invoke('vault.status', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await invoke('vault.status', {}, { Origin: `http://127.0.0.1:${bridge!.port}` })).status).toBe(200);
    expect((await raw(bridge!.port, '/api/invoke', { method: 'POST', headers: { ...own, Authorization: `Bearer ${bridge!.token}` }, body: '{not json' })).status).toBe(400);
    expect((await raw(bridge!.port, '/api/invoke', { method: 'POST', headers: { ...own, Authorization: `Bearer ${bridge!.token}` }, body: 'x'.repeat(2 * 1024 * 1024) })).status).toBe(413);
    const unknown = JSON.parse((await invoke('no.such.operation', {})).body.trim()) as { result: { ok: false; error: { code: string } } };
    expect(unknown.result.error.code).toBe('UNKNOWN_OPERATION');
  });

  it('serves the built renderer with a strict content security policy and never a file outside it', async () => {
    const site = await makeTempDir();
    try {
      await mkdir(join(site.dir, 'assets'));
      await writeFile(join(site.dir, 'index.html'), '<!doctype html><title>app</title>');
      await writeFile(join(site.dir, 'assets', 'app.js'), 'console.log(1)');
      await writeFile(join(site.dir, '..', 'secret.txt'), 'outside');
      const { own } = await start(site.dir);
      const index = await raw(bridge!.port, '/', { headers: own });
      expect(index.status).toBe(200);
      expect(index.body).toContain('<title>app</title>');
      expect(index.headers['content-security-policy']).toContain("default-src 'self'");
      expect(index.headers['content-security-policy']).not.toContain('unsafe-eval');
      expect((await raw(bridge!.port, '/assets/app.js', { headers: own })).headers['content-type']).toContain('text/javascript');
      for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/..%5csecret.txt']) {
        const response = await raw(bridge!.port, path, { headers: own });
        expect(response.status, path).toBe(404);
        expect(response.body).not.toContain('outside');
      }
    } finally {
      await site.cleanup();
    }
  });

  it('cvault serve prints the app URL, answers on it, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/cvault.mjs', 'serve', '--no-open'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/u.exec(out);
          if (match) resolve(match[0]);
        });
        child.on('exit', () => reject(new Error(`serve exited early: ${out}`)));
      });
      const parsed = new URL(url);
      const token = parsed.hash.replace('#token=', '');
      const response = await fetch(new URL('/api/invoke', url), { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ name: 'vault.status', input: {} }) });
      expect(JSON.parse((await response.text()).trim())).toEqual({ result: { ok: true, value: { unlocked: false, vaultId: null } } });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
