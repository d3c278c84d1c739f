import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Why a request to the loopback bridge is refused, or null when it may proceed. */
export type RefusalReason = 'foreign-host' | 'foreign-origin' | 'missing-token' | 'wrong-token';

/** The host names under which the bridge answers: it listens on 127.0.0.1 only. */
function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * Host and Origin must be the bridge's own. A web page on another site can make the browser send
 * requests to 127.0.0.1 (and, through DNS rebinding, under its own host name); checking both headers
 * and requiring the per-launch token stops it from reading or driving the vault.
 */
export function checkOrigin(request: IncomingMessage, port: number): RefusalReason | null {
  const hosts = allowedHosts(port);
  if (!hosts.has(request.headers.host ?? '')) return 'foreign-host';
  const origin = request.headers.origin;
  if (origin !== undefined && !['http://127.0.0.1', 'http://localhost'].some((base) => origin === `${base}:${port}`)) return 'foreign-origin';
  return null;
}

/** The API needs `Authorization: Bearer <token>`; compared in constant time. */
export function checkToken(request: IncomingMessage, token: string): RefusalReason | null {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([0-9a-f]{64})$/u.exec(header);
  if (!match) return 'missing-token';
  const given = Buffer.from(match[1] ?? '', 'hex');
  const expected = Buffer.from(token, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'wrong-token';
}
