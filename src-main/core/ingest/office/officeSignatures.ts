/** Which OOXML application a ZIP belongs to, as far as its first bytes tell. */
export type OoxmlKind = 'docx' | 'xlsx' | 'pptx';

const zipLocalHeader = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4"
const cfbSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(head: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (head.length < at + signature.length) return false;
  return signature.every((byte, i) => head[at + i] === byte);
}

/** Whether the bytes open with a ZIP local file header, as every DOCX/XLSX written by Office does. */
export function hasZipSignature(head: Uint8Array): boolean {
  return startsWith(head, zipLocalHeader);
}

/** Whether the bytes open with the OLE2 Compound File signature (legacy Office, Outlook .msg, encrypted OOXML). */
export function hasCfbSignature(head: Uint8Array): boolean {
  return startsWith(head, cfbSignature);
}

/**
 * Names of the ZIP entries whose local headers lie within `head`. Only a hint for format detection:
 * the authoritative list is the central directory, which zipGuard reads before anything is inflated.
 */
export function zipEntryNamesInHead(head: Uint8Array): string[] {
  const names: string[] = [];
  for (let at = 0; at + 30 <= head.length; at++) {
    if (!startsWith(head, zipLocalHeader, at)) continue;
    const nameLength = (head[at + 26] ?? 0) | ((head[at + 27] ?? 0) << 8);
    const end = at + 30 + nameLength;
    if (nameLength === 0 || end > head.length) continue;
    // Part names are ASCII in practice; latin1 keeps the bytes one-to-one for the prefix test below.
    names.push(Buffer.from(head.subarray(at + 30, end)).toString('latin1'));
    at = end - 1;
  }
  return names;
}

const kindByPrefix: readonly (readonly [string, OoxmlKind])[] = [['word/', 'docx'], ['xl/', 'xlsx'], ['ppt/', 'pptx']];

/**
 * The OOXML application a ZIP's head reveals through its part names (word/, xl/, ppt/), or null when
 * the head names no such part or names parts of more than one application.
 */
export function ooxmlKindFromHead(head: Uint8Array): OoxmlKind | null {
  if (!hasZipSignature(head)) return null;
  const kinds = new Set<OoxmlKind>();
  for (const name of zipEntryNamesInHead(head)) {
    for (const [prefix, kind] of kindByPrefix) if (name.startsWith(prefix)) kinds.add(kind);
  }
  const [only, ...others] = [...kinds];
  return only !== undefined && others.length === 0 ? only : null;
}
