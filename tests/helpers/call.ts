// An API method called as the renderer calls it, through dispatch. A refusal is thrown as an Error
// that carries the envelope's error fields (code, kind, …), so a test can assert on them.
import { dispatch } from '../../electron/api/dispatch';
import type { TestHost } from './host';

export async function callHost<T = Record<string, unknown>>(host: Pick<TestHost, 'ctx'>, method: string, input: unknown = {}): Promise<T> {
  const envelope = await dispatch(host.ctx, method, input);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error);
  return envelope.result as T;
}
