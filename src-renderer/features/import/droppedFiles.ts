/** Hidden entries (".DS_Store", ".git") are skipped, as the CLI's folder import does. */
const isHidden = (name: string): boolean => name.startsWith('.');

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All entries of a folder: readEntries answers in batches (100 in Chromium) until it answers none. */
async function entriesOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    all.push(...batch);
  }
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

async function filesUnder(entry: FileSystemEntry): Promise<File[]> {
  if (isHidden(entry.name)) return [];
  if (entry.isFile) return [await fileOf(entry as FileSystemFileEntry)];
  if (!entry.isDirectory) return [];
  const nested = await Promise.all((await entriesOf(entry as FileSystemDirectoryEntry)).map(filesUnder));
  return nested.flat();
}

/**
 * The files of a drop, whole folders walked recursively. The entries must be taken synchronously inside
 * the drop event (the DataTransfer is emptied after it), so this takes them first and reads them after.
 */
export function filesOfDrop(transfer: DataTransfer): Promise<File[]> {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry) entries.push(entry);
  }
  // A browser without entries still gives the plain files (folders then cannot be walked).
  if (entries.length === 0) return Promise.resolve(Array.from(transfer.files).filter((f) => !isHidden(f.name)));
  return Promise.all(entries.map(filesUnder)).then((lists) => lists.flat());
}

/** Whether a drag carries files from outside the page (not an element dragged inside it). */
export function carriesFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes('Files');
}
