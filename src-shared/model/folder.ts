/** A folder of the document-management view; `parentId` null is a top-level folder. */
export interface Folder {
  id: string;
  name: string;
  parentId: string | null;
  /** Contracts directly in this folder (not in its subfolders). */
  contractCount: number;
}

/** A tag as listed, with the number of contracts carrying it. */
export interface TagSummary {
  name: string;
  contractCount: number;
}
