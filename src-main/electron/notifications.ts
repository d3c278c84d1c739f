/** Electron's Notification class, structurally (main.ts passes the real one). */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent?: boolean }): { show(): void };
}

/**
 * Shows a desktop notification where the OS supports it. The OS may keep notifications in its own
 * history (Windows Action Center, macOS Notification Centre) outside the vault, so callers pass
 * generic text only: never a contract title, a customer name or a file name.
 */
export function showNotification(notification: NotificationClass, title: string, body: string): boolean {
  if (!notification.isSupported()) return false;
  new notification({ title, body, silent: false }).show();
  return true;
}
