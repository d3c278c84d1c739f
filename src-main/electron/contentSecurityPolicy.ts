/**
 * The Electron shell sends the renderer the same Content-Security-Policy and security headers as the
 * web bridge: one text for both doors, kept in src-main/web because the web bridge may not import this
 * folder (lint: only src-main/electron touches Electron). `app://app` is `'self'` here.
 */
export { contentSecurityPolicy, contentSecurityPolicyDirectives, rendererSecurityHeaders } from '../web/contentSecurityPolicy.ts';
