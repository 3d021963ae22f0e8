// The renderer's Content-Security-Policy under Electron. It talks to the host over IPC only, so it
// may connect nowhere; scripts and styles come from the app bundle alone, never inline or eval'd.
import type { Session } from 'electron';

export function appCsp(devServerOrigin?: string): string {
  const self = devServerOrigin ? `'self' ${devServerOrigin}` : "'self'";
  return [
    "default-src 'none'",
    `script-src ${self}`,
    `style-src ${self}`,
    "img-src 'self' data:",
    "font-src 'self'",
    // Vite's hot reload needs its WebSocket in development only.
    devServerOrigin ? `connect-src ${devServerOrigin.replace(/^http/, 'ws')}` : "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function installCsp(session: Session, devServerOrigin?: string): void {
  const policy = appCsp(devServerOrigin);
  // electronegativity CSP_GLOBAL_CHECK: accepted, it cannot parse a computed policy; tests assert it.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
