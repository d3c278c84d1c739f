import { spawn } from 'node:child_process';

/** Asks the desktop to open a URL in the default browser; failure is silent (the URL is printed anyway). */
export function openInBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]]
    : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No desktop (a server, CI): the user opens the printed URL.
  }
}
