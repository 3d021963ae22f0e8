// The app's own servers (browser mode, the gateway) listen on loopback and refuse a request whose
// Host header names any other host: that defeats DNS rebinding, where a page on another site
// resolves its name to 127.0.0.1 to reach them.

export const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `Host` is `hostname:port`; only loopback names, and only our own port, are accepted. */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase());
  if (!match) return false;
  const [, hostname, portText] = match;
  if (!LOOPBACK_HOSTNAMES.has(hostname!)) return false;
  return portText === undefined ? port === 80 : Number(portText) === port;
}
