/** One folder inside the folder being browsed (never a file: the picker shows folders only). */
export interface ListedFolder {
  name: string;
  path: string;
}

/** What `fs.listFolders` answers: where the user is, where they can go up to, and the folders inside. */
export interface FolderListing {
  /** The folder listed (absolute, normalised); null when no path was asked for (the start places only). */
  path: string | null;
  /** Its parent; null at a root or when no path was asked for. */
  parent: string | null;
  /** The user's home folder, where the picker starts. */
  home: string;
  /** Filesystem roots: `/` on macOS and Linux, each present drive (`C:\`) on Windows. */
  roots: string[];
  folders: ListedFolder[];
  /** True when there were more folders than the listing returns. */
  truncated: boolean;
}
