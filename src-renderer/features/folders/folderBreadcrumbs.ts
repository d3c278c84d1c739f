/** One step of a folder path, as the picker's breadcrumb shows it. */
export interface FolderCrumb {
  label: string;
  path: string;
}

/**
 * An absolute folder path as breadcrumbs, root first: `/home/ann` -> `/`, `home`, `ann`;
 * `C:\Users\ann` -> `C:\`, `Users`, `ann`. Each crumb's path is the folder it opens.
 */
export function folderBreadcrumbs(path: string): FolderCrumb[] {
  const windows = /^[A-Za-z]:[\\/]/u.test(path) || path.startsWith('\\\\');
  const separator = windows ? '\\' : '/';
  const rootMatch = windows ? /^(?:[A-Za-z]:[\\/]|\\\\[^\\]+\\[^\\]+\\?)/u.exec(path) : /^\//u.exec(path);
  const root = rootMatch?.[0] ?? '';
  const crumbs: FolderCrumb[] = root === '' ? [] : [{ label: root, path: root }];
  let current = root;
  for (const segment of path.slice(root.length).split(/[\\/]+/u)) {
    if (segment === '') continue;
    current = current === '' || current.endsWith(separator) || current.endsWith('/') ? `${current}${segment}` : `${current}${separator}${segment}`;
    crumbs.push({ label: segment, path: current });
  }
  return crumbs;
}
