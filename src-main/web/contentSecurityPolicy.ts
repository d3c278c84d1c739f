/**
 * The renderer's Content-Security-Policy, one text for both doors that serve it: Electron's `app://`
 * protocol and the loopback web bridge. Scripts only from the app's own origin (no inline script, no
 * eval), network only to that origin, no plugins, no framing. `style-src 'unsafe-inline'` stays because
 * antd writes its CSS-in-JS styles at run time; styles cannot run code.
 */
export const contentSecurityPolicyDirectives: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'none'",
};

/** The policy as the header value. */
export const contentSecurityPolicy: string = Object.entries(contentSecurityPolicyDirectives)
  .map(([directive, sources]) => `${directive} ${sources}`)
  .join('; ');

/** Every header the renderer's documents and files are sent with, on either door. */
export const rendererSecurityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
