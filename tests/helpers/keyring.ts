// Real gnome-keyring sessions over a keyring folder of their own, for the locked-keyring tests:
// first an unlocked one (which creates the Login keyring with a password), then one started
// WITHOUT --unlock, where the Login collection is locked as after a login that did not unlock it.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export const canRunKeyring =
  process.platform === 'linux' &&
  ['dbus-run-session', 'gnome-keyring-daemon'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** HOME and the XDG folders of a keyring in `dir`; never the person's own. */
export function keyringEnv(dir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    XDG_DATA_HOME: path.join(dir, 'share'),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_CACHE_HOME: path.join(dir, 'cache'),
  };
}

/**
 * Runs `argv` in a D-Bus session whose keyring is unlocked with a password (and so created).
 * The daemon writes login.keyring after --unlock has returned: first an empty placeholder, then the
 * real file renamed over it. The session ends (and the daemon with it) when `argv` does, so `argv`
 * starts only once the file has content; a CI run that did not wait found an empty keyring later
 * and saw no locked collection at all.
 */
export function runWithUnlockedKeyring(dir: string, argv: string[], env: Record<string, string>, stdin = ''): Promise<Run> {
  const script = [
    'printf secret-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
    'while [ ! -s "$XDG_DATA_HOME/keyrings/login.keyring" ]; do sleep 0.05; done',
    'exec "$@"',
  ].join('; ');
  return new Promise((resolve) => {
    const child = execFile(
      'dbus-run-session',
      ['--', 'sh', '-c', script, 'sh', ...argv],
      { env: { ...keyringEnv(dir), ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({
          code: child.exitCode,
          signal: child.signalCode,
          stdout,
          stderr: `${stderr}${error && !child.exitCode ? error.message : ''}`,
        });
      },
    );
    child.stdin?.end(stdin);
  });
}

export interface LockedKeyring {
  /** DBUS_SESSION_BUS_ADDRESS of the session whose keyring is locked. */
  address: string;
  run(argv: string[], env: Record<string, string>): Promise<Run>;
  close(): Promise<void>;
}

/** Starts gnome-keyring without --unlock over the keyring in `dir`; the session lives until close(). */
export async function startLockedKeyring(dir: string): Promise<LockedKeyring> {
  const script = 'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; echo "$DBUS_SESSION_BUS_ADDRESS"; exec cat >/dev/null';
  const session = spawn('dbus-run-session', ['--', 'sh', '-c', script], { env: keyringEnv(dir), stdio: ['pipe', 'pipe', 'ignore'] });
  let text = '';
  session.stdout.setEncoding('utf8');
  for await (const piece of session.stdout) {
    text += piece;
    if (text.includes('\n')) break;
  }
  const address = text.split('\n')[0]!.trim();
  if (!address) throw new Error('the locked keyring session did not start');
  return {
    address,
    run: (argv, env) =>
      new Promise((resolve) => {
        const child = execFile(
          argv[0]!,
          argv.slice(1),
          { env: { ...keyringEnv(dir), DBUS_SESSION_BUS_ADDRESS: address, ...env }, timeout: 60_000 },
          (error, stdout, stderr) => {
            resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr });
          },
        );
        child.stdin?.end();
      }),
    async close() {
      const exited = once(session, 'exit');
      session.stdin.end();
      await exited;
    },
  };
}
