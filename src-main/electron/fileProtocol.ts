import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { ErrorCode } from '../../src-shared/api/errorCodes.ts';
import type { FileForViewer } from '../core/services/viewing/fileViewService.ts';

/** Asks the backend (in its own process) for a decrypted version; it checks the vault is unlocked, the permission, and audits. */
export type ViewerFileReader = (input: { contractId: string; versionId: string }) => Promise<Envelope<FileForViewer>>;

const id = /^[0-9a-f]{32}$/u;

/** Types the viewer may receive as themselves; anything else (HTML in an email, SVG, Office XML) goes as opaque bytes. */
const displayableTypes = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff', 'image/bmp', 'text/plain']);

/** How a refusal of the backend maps to an HTTP status the viewer can tell apart. */
const statusOfCode: Partial<Record<ErrorCode, number>> = {
  VAULT_LOCKED: 423,
  PERMISSION_DENIED: 403,
  CONTRACT_NOT_FOUND: 404,
  FILE_RECORD_NOT_FOUND: 404,
  INVALID_INPUT: 400,
};

/**
 * Headers of a decrypted file: never stored by the browser's cache (nothing readable on disk), never
 * sniffed into something executable, and sandboxed with no sources should it be opened as a document.
 */
function fileHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

function refusal(status: number, code: string): Response {
  return new Response(code, { status, headers: { ...fileHeaders('text/plain; charset=utf-8') } });
}

/**
 * Serves `app://app/_vault/file/<contractId>/<versionId>` to the viewer. The ids are checked here
 * (two 32-hex ids, nothing more in the path); the backend checks the rest and writes the audit event.
 * `segments` are the already decoded path segments after the prefix.
 */
export async function serveVaultFile(segments: readonly string[], method: string, read: ViewerFileReader): Promise<Response> {
  if (method !== 'GET') return refusal(405, 'METHOD_NOT_ALLOWED');
  const [contractId, versionId, ...rest] = segments;
  if (contractId === undefined || versionId === undefined || rest.length > 0 || !id.test(contractId) || !id.test(versionId)) return refusal(404, 'FILE_RECORD_NOT_FOUND');
  const result = await read({ contractId, versionId });
  if (!result.ok) return refusal(statusOfCode[result.error.code] ?? 500, result.error.code);
  const mime = result.value.mime.toLowerCase();
  const contentType = displayableTypes.has(mime) ? (mime === 'text/plain' ? 'text/plain; charset=utf-8' : mime) : 'application/octet-stream';
  return new Response(result.value.bytes, { status: 200, headers: { ...fileHeaders(contentType), 'Content-Length': String(result.value.bytes.length) } });
}
