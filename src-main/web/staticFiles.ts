import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/**
 * A file of the built renderer for a URL path, or null when there is none. The path is resolved
 * inside `root` and refused if it would leave it (`..`, encoded or not, absolute paths, NUL bytes).
 */
export async function findStaticFile(root: string, urlPath: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : normalize(decoded).replace(/^([/\\])+/u, '');
  const base = resolve(root);
  const path = resolve(join(base, relative));
  if (path !== base && !path.startsWith(`${base}${sep}`)) return null;
  try {
    if (!(await stat(path)).isFile()) return null;
    return { bytes: await readFile(path), contentType: contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
