/**
 * Limits of `contracts.importBytes` (files sent as base64 inside the JSON request, for a browser drop
 * that has no paths). The whole request is parsed as one string, and V8 strings stop near 512 MiB, so
 * the body is capped well below that whatever the vault's own import limit says.
 */
export const MAX_BYTES_IMPORT_BODY = 384 * 1024 * 1024;

/** Room in a bytes-import request for everything but the base64 itself (names, customer, JSON). */
export const BYTES_IMPORT_ENVELOPE_ALLOWANCE = 1024 * 1024;

/** Largest total of file bytes one `contracts.importBytes` call can carry (base64 grows 4/3). */
export const MAX_BYTES_PER_IMPORT_CALL = Math.floor(((MAX_BYTES_IMPORT_BODY - BYTES_IMPORT_ENVELOPE_ALLOWANCE) / 4) * 3);

/** The request body a bytes import of this many file bytes needs. */
export function bytesImportBodySize(fileBytes: number): number {
  return Math.ceil(fileBytes / 3) * 4 + BYTES_IMPORT_ENVELOPE_ALLOWANCE;
}

/** Header naming the operation of a bridge request, so the bridge picks its body limit before reading the body. */
export const OPERATION_HEADER = 'X-Cvault-Operation';
