// Metadata is shown in lists and sent to search; a hostile file could put megabytes in a title.
const MAX_METADATA_CHARS = 1000;

/** A document property (title, author) as one clean line of at most 1,000 characters, or undefined when empty. */
export function cleanMetadataText(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(', ') : value;
  if (typeof text !== 'string') return undefined;
  const cleaned = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_METADATA_CHARS);
  return cleaned === '' ? undefined : cleaned;
}
