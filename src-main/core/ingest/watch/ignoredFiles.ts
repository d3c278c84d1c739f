/**
 * One rule of the names a watched folder never imports: the pattern (matched against one path
 * segment, a file or folder name, case-insensitively since Windows and macOS names are) and why.
 */
export interface IgnoreRule {
  readonly id: string;
  readonly pattern: RegExp;
  readonly why: string;
}

/**
 * Temporary, partial, lock and placeholder files written by editors, browsers, sync clients and the
 * OS. Importing one would store a half-written or meaningless file as a contract version. Several
 * are also dot-prefixed and so caught by `hidden`; they keep their own rule so the reason is
 * documented and tested. Checked against each segment of a folder-relative path, so a rule that
 * names a folder (`.sync`, `$RECYCLE.BIN`) excludes everything below it.
 */
export const ignoreRules: readonly IgnoreRule[] = [
  {
    id: 'hidden',
    pattern: /^\./,
    why: 'Hidden on macOS/Linux, and where every sync client keeps its metadata and staging areas: .dropbox, .dropbox.attr, .dropbox.cache (Dropbox), .tmp.drivedownload/.tmp.driveupload (Google Drive), .sync (Resilio), .stfolder/.stversions (Syncthing), .Trash-1000, .nfs* (NFS silly-renames), .fuse_hidden*, rsync\'s .name.XXXXXX temp files and vim swap files.',
  },
  {
    id: 'office-owner-file',
    pattern: /^~\$/,
    why: 'Microsoft Office (Windows and Mac) creates "~$Name.docx" beside a document while it is open, holding the editor\'s name; it is a lock, not the document.',
  },
  {
    id: 'libreoffice-lock',
    pattern: /^\.~lock\..*#$/,
    why: 'LibreOffice/OpenOffice lock file ".~lock.Name.odt#" present while a document is open.',
  },
  {
    id: 'temp-extension',
    pattern: /\.(tmp|temp)$/i,
    why: 'Generic save-via-temp files: Word ~WRL0001.tmp/~WRD0000.tmp, LibreOffice lu123.tmp, Syncthing\'s ~syncthing~Name.tmp on Windows, and most "write a temp then rename" savers.',
  },
  {
    id: 'excel-safe-save',
    pattern: /^[0-9a-f]{8}$/i,
    why: 'Excel saves an existing workbook by writing a randomly named 8-hex-digit file without extension (e.g. "Cedd4100") and renaming it over the original (Microsoft KB 814068).',
  },
  {
    id: 'word-backup',
    pattern: /\.wbk$/i,
    why: 'Word\'s "Always create backup copy" keeps the previous version as "Backup of Name.wbk": an old copy, not a new document.',
  },
  {
    id: 'browser-partial-download',
    pattern: /\.(crdownload|part|partial|download)$/i,
    why: 'In-progress downloads, renamed to the final name when complete: .crdownload (Chrome, Edge, Brave), .part (Firefox, which also creates an empty placeholder under the final name), .partial (legacy Edge/IE), .download (Safari, a folder on macOS).',
  },
  {
    id: 'transfer-partial',
    pattern: /\.filepart$/i,
    why: 'Partial transfers of WinSCP and of the ownCloud/Nextcloud clients (listed in Nextcloud\'s default sync-exclude.lst).',
  },
  {
    id: 'resilio-partial',
    pattern: /\.(!sync|bts|syncpart|synctemp|syncold)$/i,
    why: 'Resilio Sync / BitTorrent Sync: Name.!Sync while a file is being received (renamed when complete), .bts in older versions, .SyncPart/.SyncTemp/.SyncOld while deltas are applied.',
  },
  {
    id: 'syncthing-temp',
    pattern: /^(~syncthing~|\.syncthing\.)/i,
    why: 'Syncthing writes incoming files as "~syncthing~Name.tmp" (Windows) or ".syncthing.Name.tmp" (Unix) and renames them when complete.',
  },
  {
    id: 'nextcloud-temp',
    pattern: /\.~/,
    why: 'ownCloud/Nextcloud clients download into ".Name.~<hex>" before renaming (the "]*.~*" entry of their default exclude list).',
  },
  {
    id: 'icloud-placeholder',
    pattern: /\.icloud$/i,
    why: 'iCloud Drive replaces an evicted file with ".Name.pdf.icloud", a small plist: the content is not on disk.',
  },
  {
    id: 'virtual-file-placeholder',
    pattern: /\.(nextcloud|owncloud)$/i,
    why: 'Nextcloud/ownCloud "suffix" virtual files: a placeholder whose content is still on the server.',
  },
  {
    id: 'google-docs-pointer',
    pattern: /\.(gdoc|gsheet|gslides|gdraw|gform|gmap|gsite|gtable|gjam)$/i,
    why: 'Google Drive for desktop shows native Google Docs as small JSON pointer files holding a URL; the document itself is not on disk.',
  },
  {
    id: 'freefilesync-temp',
    pattern: /\.(ffs_tmp|ffs_db|ffs_lock)$/i,
    why: 'FreeFileSync copies through Name.ffs_tmp and keeps sync.ffs_db / sync.ffs_lock in synced folders.',
  },
  {
    id: 'windows-explorer-metadata',
    pattern: /^(desktop\.ini|thumbs\.db|ehthumbs\.db|ehthumbs_vista\.db)$/i,
    why: 'Written by Windows Explorer (folder view settings, thumbnail caches); also synced between PCs by OneDrive and Dropbox.',
  },
  {
    id: 'windows-system-folder',
    pattern: /^(\$recycle\.bin|recycler|system volume information)$/i,
    why: 'System folders at the root of a Windows drive (a watched USB stick or NAS share): deleted files and restore points.',
  },
  {
    id: 'macos-metadata',
    pattern: /^(\.ds_store|\._.*|icon\r)$/i,
    why: 'Finder metadata: .DS_Store, AppleDouble "._Name" resource forks written on SMB shares and FAT drives, and the "Icon\\r" custom folder icon (which Dropbox creates).',
  },
  {
    id: 'editor-backup',
    pattern: /(~|^#.*#)$/,
    why: 'Editor backups and auto-saves: "Name~" (gedit, Kate, Emacs; also in Nextcloud\'s default excludes) and "#Name#" (Emacs).',
  },
  {
    id: 'wsl-zone-identifier',
    pattern: /:Zone\.Identifier$/i,
    why: 'Copying from Windows into WSL turns the "downloaded from the internet" stream into a separate "Name:Zone.Identifier" file.',
  },
];

/** The first rule that excludes this file or folder name, or undefined when it may be imported. */
export function ignoredNameRule(name: string): IgnoreRule | undefined {
  return ignoreRules.find((rule) => rule.pattern.test(name));
}

/** Whether a file or folder name is never imported (see `ignoreRules` for each reason). */
export function isIgnoredName(name: string): boolean {
  return ignoredNameRule(name) !== undefined;
}

/**
 * Whether a folder-relative path ('/'-separated, as `relativeKey` makes it) is never imported: any
 * ignored segment excludes it, so nothing below a hidden or sync-metadata folder is watched. Only
 * segments below the watched root count: the user may well keep that folder under a hidden one.
 */
export function isIgnoredRelativePath(key: string): boolean {
  return key.split('/').some((segment) => segment !== '' && isIgnoredName(segment));
}
