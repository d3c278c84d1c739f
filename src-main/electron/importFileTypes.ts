/** File extensions offered by the import dialog: the formats ingest reads (docs/ingest.md); "All files" is offered too. */
export const importFileExtensions = ['pdf', 'docx', 'docm', 'xlsx', 'xlsm', 'eml', 'msg', 'txt', 'md', 'csv', 'png', 'jpg', 'jpeg', 'tif', 'tiff'] as const;
