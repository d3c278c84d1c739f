import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src-shared/api/progress.ts';
import { createApiClient } from '../../../src-renderer/api/apiClient.ts';
import { readBridgeToken } from '../../../src-renderer/api/bridgeToken.ts';
import { callApi } from '../../../src-renderer/api/callApi.ts';
import { createHttpBridgeTransport } from '../../../src-renderer/api/httpBridgeTransport.ts';
import { NdjsonLineSplitter } from '../../../src-renderer/api/ndjsonLines.ts';
import { TransportError } from '../../../src-renderer/api/transport.ts';
import { Backend } from '../../../src-main/core/backend.ts';
import { startWebBridge, type WebBridge } from '../../../src-main/web/webBridge.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';

describe('NdjsonLineSplitter', () => {
  it('joins lines cut across chunks and drops blank lines', () => {
    const splitter = new NdjsonLineSplitter();
    expect(splitter.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(splitter.push(':2}\n\n{"c":')).toEqual(['{"b":2}']);
    expect(splitter.push('3}')).toEqual([]);
    expect(splitter.finish()).toEqual(['{"c":3}']);
    expect(splitter.finish()).toEqual([]);
  });
});

describe('readBridgeToken', () => {
  it('reads the 64-hex token of the URL fragment and nothing else', () => {
    const token = 'ab'.repeat(32);
    expect(readBridgeToken(`#token=${token}`)).toBe(token);
    expect(readBridgeToken(`#x=1&token=${token}`)).toBe(token);
    expect(readBridgeToken(`#token=${token}0`)).toBeNull();
    expect(readBridgeToken('#token=xyz')).toBeNull();
    expect(readBridgeToken('')).toBeNull();
  });
});

describe('the renderer API client over the HTTP bridge transport (real bridge, real Backend)', () => {
  let bridge: WebBridge | undefined;
  let backend: Backend | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await bridge?.close();
    await backend?.dispose();
    await cleanup?.();
  });

  async function start() {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    backend = new Backend({ actor: 'renderer-test', locale: 'en' });
    bridge = await startWebBridge({ backend });
    const baseUrl = `http://127.0.0.1:${bridge.port}`;
    return { dir: temp.dir, baseUrl, api: createApiClient(createHttpBridgeTransport({ token: bridge.token, baseUrl })) };
  }

  it('returns typed envelopes, streams progress before the result, and keeps error codes and params', async () => {
    const { dir, api } = await start();
    expect(await api.invoke('vault.status', {})).toEqual({ ok: true, value: { unlocked: false, vaultId: null } });
    const created = await api.invoke('vault.create', { vaultDir: join(dir, 'vault'), passphrase: 'renderer transport test', kdf: 'interactive' });
    expect(created.ok && created.value.recoveryKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){10}$/u);
    const paths = await Promise.all(['one', 'two', 'three'].map(async (name) => {
      const path = join(dir, `${name}.txt`);
      await writeFile(path, `Contract ${name}: 合同管理 maintenance terms`);
      return path;
    }));
    const progress: ProgressEvent[] = [];
    const imported = await api.invoke('contracts.import', { paths }, { onProgress: (event) => progress.push(event) });
    expect(imported.ok && imported.value.map((o) => o.status)).toEqual(['imported', 'imported', 'imported']);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.every((event) => event.operation === 'contracts.import')).toBe(true);
    expect(progress.at(-1)?.done).toBe(3);
    const found = await api.invoke('search.query', { text: '合同管理' });
    expect(found.ok && found.value.total).toBe(3);
    const refused = await callApi(api, 'vault.unlock', { vaultDir: join(dir, 'nowhere'), passphrase: 'x' });
    expect(refused).toEqual({ ok: false, problem: { kind: 'operation', code: 'VAULT_DIR_NOT_FOUND', params: { dir: join(dir, 'nowhere') } } });
  });

  it('rejects with TransportError when the token is wrong or the bridge is gone, which callApi turns into a transport problem', async () => {
    const { baseUrl } = await start();
    const wrong = createApiClient(createHttpBridgeTransport({ token: '0'.repeat(64), baseUrl }));
    await expect(wrong.invoke('vault.status', {})).rejects.toMatchObject({ failure: 'unauthorised' });
    expect(await callApi(wrong, 'vault.status', {})).toEqual({ ok: false, problem: { kind: 'transport', failure: 'unauthorised' } });
    await bridge?.close();
    bridge = undefined;
    const gone = createApiClient(createHttpBridgeTransport({ token: '0'.repeat(64), baseUrl }));
    const error = await gone.invoke('vault.status', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).failure).toBe('unreachable');
  });
});
