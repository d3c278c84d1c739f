/**
 * The bridge's per-launch token from the page's URL fragment (`#token=<64 hex>`), as `cvault serve`
 * prints it. The fragment never reaches the server or a Referer; the token is kept in memory only.
 */
export function readBridgeToken(hash: string): string | null {
  const match = /(?:^#|&)token=([0-9a-f]{64})(?:&|$)/u.exec(hash);
  return match?.[1] ?? null;
}
