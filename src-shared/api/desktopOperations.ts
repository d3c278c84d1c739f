import { z } from 'zod';

/** Desktop-only operations, answered by the main process itself (dialogs, links, the menu's language). */
export const desktopOperations = {
  'desktop.chooseVaultFolder': z.object({ create: z.boolean().optional() }).strict(),
  'desktop.chooseImportFiles': z.object({}).strict(),
  'desktop.openExternal': z.object({ url: z.string().max(2000) }).strict(),
  'desktop.setLocale': z.object({ locale: z.enum(['en', 'zh-CN']) }).strict(),
  // #5 s12-ui: the native open dialog for a `.cvbackup` file (restore, verify).
  'desktop.chooseBackupFile': z.object({}).strict(),
} as const;
export type DesktopOperationName = keyof typeof desktopOperations;

/** Results of the desktop operations. */
export interface DesktopResults {
  'desktop.chooseVaultFolder': { path: string | null };
  'desktop.chooseImportFiles': { paths: string[] };
  'desktop.openExternal': { opened: boolean };
  'desktop.setLocale': { locale: 'en' | 'zh-CN' };
  'desktop.chooseBackupFile': { path: string | null };
}

/** True for the names of desktop operations. */
export function isDesktopOperationName(name: string): name is DesktopOperationName {
  return Object.hasOwn(desktopOperations, name);
}
