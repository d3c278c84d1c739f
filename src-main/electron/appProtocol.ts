import { realpath } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { findStaticFile } from '../web/staticFiles.ts';
import { appHost, appScheme, vaultFilePathPrefix } from './appOrigin.ts';
import { rendererSecurityHeaders } from './contentSecurityPolicy.ts';
import { serveVaultFile, type ViewerFileReader } from './fileProtocol.ts';

/** Where the `app://` handler finds things. */
export interface AppProtocolOptions {
  /** The built renderer (`dist/renderer`). */
  rendererRoot: string;
  /** Decrypted contract files for the viewer, from the backend process. */
  readVaultFile: ViewerFileReader;
}

/** What an `app://` URL asks for, once checked. */
export type AppRequestRoute =
  | { kind: 'static'; segments: string[] }
  | { kind: 'vaultFile'; segments: string[] }
  | { kind: 'refused'; status: number; reason: string };

/**
 * Checks an `app://` URL on its raw text, before any URL parser could normalise it: the scheme and the
 * one known host, then each path segment decoded once and refused if it is `.`/`..`, empty, or holds a
 * separator, a backslash, a colon, a NUL or a `%` (double encoding) after decoding. A query or fragment
 * is ignored. So `app://../../etc/passwd`, `%2e%2e`, `%2f`, `%5c`, `..\\` and `C:` never reach the disk.
 */
export function routeAppUrl(rawUrl: string): AppRequestRoute {
  const prefix = `${appScheme}://${appHost}`;
  if (rawUrl.slice(0, prefix.length).toLowerCase() !== prefix) return { kind: 'refused', status: 404, reason: 'unknown host' };
  const afterHost = rawUrl.slice(prefix.length);
  // The host must end here: `app://app.evil/`, `app://app:80/` or `app://app@x/` are other hosts.
  if (afterHost !== '' && !['/', '?', '#'].includes(afterHost[0] ?? '')) return { kind: 'refused', status: 404, reason: 'unknown host' };
  const rawPath = afterHost.split(/[?#]/u, 1)[0] ?? '';
  if (rawPath.includes('\\')) return { kind: 'refused', status: 400, reason: 'backslash' };
  const rawSegments = rawPath.split('/').slice(1);
  if (rawSegments.length === 0 || (rawSegments.length === 1 && rawSegments[0] === '')) return { kind: 'static', segments: ['index.html'] };
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return { kind: 'refused', status: 400, reason: 'bad encoding' };
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || /[/\\:%\0]/u.test(decoded)) return { kind: 'refused', status: 400, reason: 'bad segment' };
    segments.push(decoded);
  }
  const filePrefix = vaultFilePathPrefix.split('/').filter((s) => s !== '');
  if (filePrefix.every((part, i) => segments[i] === part)) return { kind: 'vaultFile', segments: segments.slice(filePrefix.length) };
  return { kind: 'static', segments };
}

function refused(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { ...rendererSecurityHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** Resolves a checked path inside the renderer root and refuses it if a symlink leads it outside. */
async function insideRoot(root: string, segments: readonly string[]): Promise<boolean> {
  try {
    const base = await realpath(resolve(root));
    const real = await realpath(join(base, ...segments));
    return real.startsWith(`${base}${sep}`);
  } catch {
    return false;
  }
}

/**
 * The `app://` protocol handler (`protocol.handle('app', ...)` in main.ts): the built renderer with
 * the app's security headers, and decrypted contract files for the viewer under `/_vault/file/`.
 * Only GET and HEAD; everything else, and every path that fails `routeAppUrl`, is refused.
 */
export async function handleAppRequest(request: { url: string; method: string }, options: AppProtocolOptions): Promise<Response> {
  const route = routeAppUrl(request.url);
  if (route.kind === 'refused') return refused(route.status, route.reason);
  if (route.kind === 'vaultFile') return serveVaultFile(route.segments, request.method, options.readVaultFile);
  if (request.method !== 'GET' && request.method !== 'HEAD') return refused(405, 'method not allowed');
  if (!(await insideRoot(options.rendererRoot, route.segments))) return refused(404, 'not found');
  const file = await findStaticFile(options.rendererRoot, `/${route.segments.join('/')}`);
  if (!file) return refused(404, 'not found');
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.bytes), {
    status: 200,
    headers: { ...rendererSecurityHeaders, 'Content-Type': file.contentType },
  });
}
