/** The custom scheme the renderer is loaded from (never `file://`). */
export const appScheme = 'app';
/** The one host of that scheme; any other host is refused. */
export const appHost = 'app';
/** The renderer's origin: what the IPC router, navigation guards and permission handler compare against. */
export const appOrigin = `${appScheme}://${appHost}`;
/** The page the window opens. */
export const appEntryUrl = `${appOrigin}/index.html`;
/** Path prefix under which decrypted contract files are served to the viewer (same origin, so `'self'` covers it). */
export const vaultFilePathPrefix = '/_vault/file/';
