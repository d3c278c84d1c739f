/** Image formats the OCR path reads, as detected from their leading bytes. */
export type ImageMime = 'image/png' | 'image/jpeg' | 'image/tiff';

/** Pixel size of an image as its header declares it (before anything is decoded). */
export interface ImageDimensions {
  width: number;
  height: number;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** The image type announced by the magic bytes, or null: PNG, JPEG (FF D8 FF), TIFF (II*, MM*, and BigTIFF). */
export function detectImageMime(head: Uint8Array): ImageMime | null {
  if (startsWith(head, pngSignature)) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  const tiffVersions = [42, 43];
  if (head[0] === 0x49 && head[1] === 0x49 && head[3] === 0 && tiffVersions.includes(head[2] ?? 0)) return 'image/tiff';
  if (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && tiffVersions.includes(head[3] ?? 0)) return 'image/tiff';
  return null;
}

function readUint16BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

function readUint32BE(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] ?? 0) << 24) >>> 0) + (((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0));
}

/** Width and height from a PNG's IHDR chunk (which the format requires to come first), or null. */
export function readPngDimensions(bytes: Uint8Array): ImageDimensions | null {
  if (bytes.length < 24 || !startsWith(bytes, pngSignature)) return null;
  const ihdr = String.fromCharCode(bytes[12] ?? 0, bytes[13] ?? 0, bytes[14] ?? 0, bytes[15] ?? 0);
  if (ihdr !== 'IHDR') return null;
  const width = readUint32BE(bytes, 16);
  const height = readUint32BE(bytes, 20);
  return width > 0 && height > 0 ? { width, height } : null;
}

// Start-of-frame markers carry the size: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
const startOfFrame = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Width and height from a JPEG's first start-of-frame segment, walking the marker segments; or null. */
export function readJpegDimensions(bytes: Uint8Array): ImageDimensions | null {
  if (!startsWith(bytes, [0xff, 0xd8])) return null;
  let offset = 2;
  while (offset + 3 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    // 0xFF fill bytes may pad before a marker; standalone markers have no length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    // Image data or the end came before any frame header: not an image we can size.
    if (marker === 0xda || marker === 0xd9) return null;
    const length = readUint16BE(bytes, offset + 2);
    if (length < 2) return null;
    if (startOfFrame.has(marker)) {
      if (offset + 9 > bytes.length) return null;
      const height = readUint16BE(bytes, offset + 5);
      const width = readUint16BE(bytes, offset + 7);
      // A height of 0 defers it to a DNL marker, which leptonica's libjpeg does not support.
      return width > 0 && height > 0 ? { width, height } : null;
    }
    offset += 2 + length;
  }
  return null;
}
