import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../core/backend.ts';
import { rendererSecurityHeaders } from './contentSecurityPolicy.ts';
import { bytesImportBodySize, MAX_BYTES_IMPORT_BODY, OPERATION_HEADER } from '../../src-shared/api/bytesImport.ts';
import { checkOrigin, checkToken } from './requestGuard.ts';
import { findStaticFile } from './staticFiles.ts';

/** Largest API request body accepted for an operation (inputs are small), except a bytes import: see bodyLimitFor. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body limit of one request, chosen from the operation header before the body is read: a bytes import
 * may carry one vault import limit's worth of base64 (capped so the JSON stays parseable), any other call 1 MiB.
 */
function bodyLimitFor(backend: Backend, operation: string | undefined): number {
  if (operation !== 'contracts.importBytes') return MAX_BODY_BYTES;
  const vaultLimit = backend.importLimitBytes();
  if (vaultLimit === null) return MAX_BODY_BYTES; // locked: the call fails with VAULT_LOCKED anyway
  return Math.max(MAX_BODY_BYTES, Math.min(bytesImportBodySize(vaultLimit), MAX_BYTES_IMPORT_BODY));
}

/** Sent with every response: the same policy as the Electron shell's (no inline script, no eval, this origin only). */
const securityHeaders = rendererSecurityHeaders;

/** A running bridge: its address, the app URL to open (token in the fragment, so it never reaches a log or a Referer), and how to stop it. */
export interface WebBridge {
  readonly port: number;
  readonly token: string;
  readonly appUrl: string;
  close(): Promise<void>;
}

export interface WebBridgeOptions {
  backend: Backend;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Folder of the built renderer (`dist/renderer`); without it the root explains how to build it. */
  staticDir?: string;
  /** Page shown at `/` when no renderer is built, already translated. */
  notBuiltMessage?: string;
}

function send(response: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  response.end(body);
}

async function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is read to its end and dropped, so the client gets the 413 instead of a reset connection.
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? null : Buffer.concat(chunks).toString('utf8');
}

/**
 * `POST /api/invoke` with `{ name, input }`: the operation runs through the same Backend as the CLI
 * and Electron. The answer is NDJSON: a `{"progress": ...}` line per progress event, then one
 * `{"result": <envelope>}` line. A client that goes away cancels the operation.
 */
async function handleInvoke(backend: Backend, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const header = request.headers[OPERATION_HEADER.toLowerCase()];
  const declared = typeof header === 'string' ? header : undefined;
  const body = await readBody(request, bodyLimitFor(backend, declared));
  if (body === null) return send(response, 413, 'request too large');
  let call: { name?: unknown; input?: unknown };
  try {
    call = JSON.parse(body) as { name?: unknown; input?: unknown };
  } catch {
    return send(response, 400, 'request body is not JSON');
  }
  if (typeof call !== 'object' || call === null || typeof call.name !== 'string') return send(response, 400, 'expected {"name": string, "input": ...}');
  // The larger limit was granted for the declared operation only.
  if (declared !== undefined && call.name !== declared) return send(response, 400, 'the operation header does not match the body');
  const abort = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) abort.abort();
  });
  response.writeHead(200, { ...securityHeaders, 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
  const result = await backend.invoke(call.name, call.input ?? {}, {
    signal: abort.signal,
    onProgress: (event) => {
      if (!response.writableEnded) response.write(`${JSON.stringify({ progress: event })}\n`);
    },
  });
  if (!response.writableEnded) response.end(`${JSON.stringify({ result })}\n`);
}

/** Starts the loopback HTTP bridge on 127.0.0.1 with a fresh secret token (DESIGN.md §2, browser mode). */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = randomBytes(32).toString('hex');
  let port = 0;
  const server = createServer((request, response) => {
    void (async () => {
      const refused = checkOrigin(request, port);
      if (refused) return send(response, 403, refused);
      const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/api/')) {
        const unauthorised = checkToken(request, token);
        if (unauthorised) return send(response, 401, unauthorised);
        if (url.pathname === '/api/invoke' && request.method === 'POST') return handleInvoke(options.backend, request, response);
        return send(response, 404, 'unknown endpoint');
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'method not allowed');
      const file = options.staticDir === undefined ? null : await findStaticFile(options.staticDir, url.pathname);
      if (file) {
        response.writeHead(200, { ...securityHeaders, 'Content-Type': file.contentType });
        response.end(request.method === 'HEAD' ? undefined : file.bytes);
        return undefined;
      }
      if (url.pathname === '/') return send(response, 200, options.notBuiltMessage ?? 'The app is not built.');
      return send(response, 404, 'not found');
    })().catch(() => {
      if (!response.headersSent) send(response, 500, 'internal error');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    appUrl: `http://127.0.0.1:${port}/#token=${token}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
