// The host never exits on input. A promise rejection or an exception that nothing handled is a bug,
// but one request's bug must not end the desktop app, browser mode or a running CLI command for
// everything else. Every host entry (electron/main, electron/web/main.ts, electron/cli.ts) installs
// this policy: the error is logged, scrubbed of secrets, and the host keeps serving.
import { redactSecrets } from './secrets/redact';

export type StrayErrorLog = (line: string) => void;

type Stray = 'unhandledRejection' | 'uncaughtException';

/** Where the installed policy is kept, so that installing it again replaces it instead of adding. */
const INSTALLED = Symbol.for('switchyard.strayErrorPolicy');

function textOf(error: unknown): string {
  try {
    if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
    return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  } catch {
    // A value whose toJSON or toString throws still gets a line.
    return Object.prototype.toString.call(error);
  }
}

/** The log line for an error nothing handled: which host, what happened, and the error, scrubbed. */
export function describeStrayError(host: string, kind: Stray, error: unknown): string {
  const what = kind === 'unhandledRejection' ? 'a promise failed and nothing handled it' : 'an error escaped every handler';
  return redactSecrets(`Switchyard ${host}: ${what}; still running. ${textOf(error)}`);
}

type PolicyHolder = NodeJS.EventEmitter & { [INSTALLED]?: () => void };

/**
 * Installs the policy on `proc` (the process, or a stand-in in tests) and returns a function that
 * removes it. Installing it again replaces the earlier handlers.
 */
export function keepServingOnStrayErrors(
  host: string,
  log: StrayErrorLog = (line) => console.error(line),
  proc: NodeJS.EventEmitter = process,
): () => void {
  const holder = proc as PolicyHolder;
  holder[INSTALLED]?.();
  const report = (kind: Stray) => (error: unknown) => {
    try {
      log(describeStrayError(host, kind, error));
    } catch {
      // A log that cannot be written (a closed stderr) must not turn into a crash of its own.
    }
  };
  const onRejection = report('unhandledRejection');
  const onException = report('uncaughtException');
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  const remove = () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
    if (holder[INSTALLED] === remove) delete holder[INSTALLED];
  };
  holder[INSTALLED] = remove;
  return remove;
}
