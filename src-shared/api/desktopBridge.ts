import type { Envelope } from './envelope.ts';
import type { ProgressEvent } from './progress.ts';

/**
 * The IPC contract between the Electron preload and the main process (issue 6). These three channel
 * names are the only ones the main process listens on; anything else is dropped.
 */
export const desktopChannels = {
  /** renderer -> main, answered: one API operation (or desktop operation) by name. */
  invoke: 'contract-vault:invoke',
  /** renderer -> main, one way: cancel the long work of a call. */
  cancel: 'contract-vault:cancel',
  /** main -> renderer: progress of a call, menu commands, locks, files opened with the app. */
  event: 'contract-vault:event',
} as const;

/** The name under which the preload exposes the bridge on `window`. */
export const desktopBridgeGlobal = 'contractVault';

/** Commands of the native menu the renderer carries out (the menu itself lives in the main process). */
export const menuCommands = ['lock', 'import', 'goContracts', 'goCustomers', 'goSearch', 'goSettings'] as const;
export type MenuCommand = (typeof menuCommands)[number];

/** Why the main process locked the vault on its own. */
export type AutoLockReason = 'suspend' | 'lock-screen';

/** What the main process tells the renderer. */
export type DesktopEvent =
  | { kind: 'progress'; callId: string; event: ProgressEvent }
  | { kind: 'menu'; command: MenuCommand }
  | { kind: 'vaultLocked'; reason: AutoLockReason }
  /** A `.cvbackup` file was opened with the app: the renderer offers `backup.restore` for it. */
  | { kind: 'openBackup'; path: string };

/**
 * What the preload puts on `window.contractVault`: the typed `invoke` of DESIGN.md §2 (with a call id so
 * progress and cancellation find their call), event subscription, and the path of a file dropped on the
 * window (Electron's `webUtils.getPathForFile`; a sandboxed page cannot see paths otherwise).
 */
export interface DesktopBridge {
  invoke(name: string, input: unknown, callId: string): Promise<Envelope<unknown>>;
  cancel(callId: string): void;
  onEvent(listener: (event: DesktopEvent) => void): () => void;
  /** `file` is a DOM File; typed loosely because src-shared has no DOM types. */
  pathForFile(file: object): string;
}
