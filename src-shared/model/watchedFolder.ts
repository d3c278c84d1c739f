/** A folder (e.g. the local Dropbox or OneDrive folder) whose new and changed files are imported. */
export interface WatchedFolder {
  id: string;
  path: string;
  /** Files from this folder are filed under this customer, when set. */
  customerId: string | null;
  customerName: string | null;
  enabled: boolean;
  createdAt: string;
  /** Files recorded from previous runs (what a restart compares against). */
  knownFiles: number;
}
