// The Linux keyring's lock state, asked of the Secret Service over D-Bus without ever reading a
// secret. keytar cannot tell a locked keyring from a missing key (getPassword returns null for
// both), and its findCredentials crashes the process (SIGSEGV) when an item of the service is
// locked — libsecret hands it a NULL secret. So on Linux nothing calls findCredentials: the list of
// accounts and the lock state come from here, in process, with a pure-JS D-Bus client (no helper
// binary that may be missing, no child process that a packaged Electron could not start).
import net from 'node:net';
import dbus from '@homebridge/dbus-native';

/** The part of dbus-native's client used here (its own typings declare only systemBus). */
interface MessageBus {
  connection: { on(event: 'error', listener: (error: Error) => void): void };
  /** The reply's values come as separate arguments after the error. */
  invoke(message: object, callback: (error: { name?: string; message?: string } | null, ...values: unknown[]) => void): void;
}
const { createClient } = dbus as unknown as { createClient(options: { stream: net.Socket }): MessageBus };

const SECRETS = 'org.freedesktop.secrets';
const SERVICE_PATH = '/org/freedesktop/secrets';

export interface KeyringState {
  /** The default collection (where keytar stores) is locked; null when there is none yet. */
  defaultLocked: boolean | null;
  /** Accounts of this keychain service whose items can be read now. */
  unlocked: string[];
  /** How many items of this keychain service are locked (a locked item's attributes are hidden). */
  locked: number;
}

/** The session bus socket from DBUS_SESSION_BUS_ADDRESS (unix path or Linux abstract socket). */
function busSocket(address: string | undefined): net.Socket {
  for (const entry of (address ?? '').split(';')) {
    const [family, rest = ''] = entry.split(':', 2) as [string, string?];
    const params = new Map(rest.split(',').map((pair) => pair.split('=', 2) as [string, string]));
    if (family === 'tcp' && params.get('port')) return net.createConnection(Number(params.get('port')), params.get('host') ?? 'localhost');
    if (family !== 'unix') continue;
    const pathParam = params.get('path');
    if (pathParam) return net.createConnection(decodeURIComponent(pathParam));
    const abstract = params.get('abstract');
    if (abstract) return net.createConnection(`\0${decodeURIComponent(abstract)}`);
  }
  throw new Error('no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set to a unix socket)');
}

type Call = { path: string; interface: string; member: string; signature?: string; body?: unknown[] };

/** Calls a Secret Service method; resolves with the reply's values. */
function invoke(bus: MessageBus, call: Call): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    bus.invoke({ destination: SECRETS, ...call }, (error, ...values) => {
      if (error) reject(new Error(`${error.name ?? 'D-Bus error'}${error.message ? `: ${error.message}` : ''}`));
      else resolve(values);
    });
  });
}

/** A property value: dbus-native returns a variant as [signature, [value]]. */
async function property(bus: MessageBus, path: string, iface: string, name: string): Promise<unknown> {
  const [variant] = (await invoke(bus, {
    path,
    interface: 'org.freedesktop.DBus.Properties',
    member: 'Get',
    signature: 'ss',
    body: [iface, name],
  })) as [[unknown, unknown[]]];
  return variant[1][0];
}

async function accountOf(bus: MessageBus, item: string): Promise<string> {
  const attributes = (await property(bus, item, 'org.freedesktop.Secret.Item', 'Attributes')) as Array<[string, string]>;
  return attributes.find(([key]) => key === 'account')?.[1] ?? '';
}

/**
 * Reads the lock state of the keyring and of this service's items; rejects when there is no Secret
 * Service, or when it does not answer within `timeoutMs` (the socket is closed then, so a CLI
 * command never hangs on it).
 */
export async function keyringState(service: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 5_000): Promise<KeyringState> {
  const socket = busSocket(env.DBUS_SESSION_BUS_ADDRESS);
  const bus = createClient({ stream: socket });
  const failed = new Promise<never>((_, reject) => {
    bus.connection.on('error', (error: Error) => reject(new Error(`D-Bus: ${error.message}`)));
    socket.on('close', () => reject(new Error('D-Bus: the connection closed')));
  });
  const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  try {
    return await Promise.race([failed, read(bus, service)]);
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}

async function read(bus: MessageBus, service: string): Promise<KeyringState> {
  // keytar's libsecret schema stores { service, account } as the item's attributes.
  const [unlockedItems, lockedItems] = (await invoke(bus, {
    path: SERVICE_PATH,
    interface: 'org.freedesktop.Secret.Service',
    member: 'SearchItems',
    signature: 'a{ss}',
    body: [[['service', service]]],
  })) as [string[], string[]];
  const [defaultPath] = (await invoke(bus, {
    path: SERVICE_PATH,
    interface: 'org.freedesktop.Secret.Service',
    member: 'ReadAlias',
    signature: 's',
    body: ['default'],
  })) as [string];
  const defaultLocked =
    defaultPath && defaultPath !== '/' ? Boolean(await property(bus, defaultPath, 'org.freedesktop.Secret.Collection', 'Locked')) : null;
  return {
    defaultLocked,
    unlocked: await Promise.all(unlockedItems.map((item) => accountOf(bus, item))),
    locked: lockedItems.length,
  };
}
