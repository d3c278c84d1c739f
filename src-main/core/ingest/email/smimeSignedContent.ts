import { loadPkijs } from '../lazyLibraries.ts';

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_DATA = '1.2.840.113549.1.7.1';
const opaqueSignedTypes: ReadonlySet<string> = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);

/** Whether a MIME part is an S/MIME message in the opaque form (smime.p7m holding signed data). */
export function isOpaqueSignedPart(contentType: string, smimeType: string | undefined): boolean {
  // Enveloped (encrypted) mail is the same media type with smime-type=enveloped-data: only the
  // recipient's private key opens it, and the vault holds none.
  return opaqueSignedTypes.has(contentType) && (smimeType === undefined || smimeType === 'signed-data');
}

/**
 * The MIME entity an opaque-signed S/MIME message wraps in CMS SignedData (RFC 8551 §3.5.2): the
 * real body and attachments, which a mail client shows after checking the signature. Parsed with
 * pkijs/asn1js; the signature is not verified (the original mail is kept byte-exact as the record,
 * so it can still be checked). Undefined when the part is not signed data or cannot be parsed.
 */
export async function signedMimeEntity(der: Uint8Array): Promise<Uint8Array | undefined> {
  const { asn1js, pkijs: { ContentInfo, SignedData } } = await loadPkijs();
  try {
    const parsed = asn1js.fromBER(der);
    if (parsed.offset === -1) return undefined;
    const info = new ContentInfo({ schema: parsed.result });
    if (info.contentType !== ID_SIGNED_DATA) return undefined;
    const signed = new SignedData({ schema: info.content });
    const encapsulated = signed.encapContentInfo;
    if (encapsulated.eContentType !== ID_DATA || encapsulated.eContent === undefined) return undefined;
    // pkijs joins the pieces of a constructed (BER, indefinite-length) OCTET STRING into one.
    return new Uint8Array(encapsulated.eContent.getValue());
  } catch {
    // Hostile nesting can exhaust asn1js' recursion; like any damage, that leaves the part as it is.
    return undefined;
  }
}
