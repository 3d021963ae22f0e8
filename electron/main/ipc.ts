// The IPC transport: one ipcMain.handle per contract method, each refusing calls from any frame
// that is not our own renderer, and events forwarded to our windows.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { methodNames } from '../../shared/api';
import type { Envelope } from '../../shared/contract';
import type { HostContext } from '../host/context';
import { dispatch } from '../api/dispatch';
import { isRendererUrl } from './navigation';

export const EVENT_CHANNEL = 'switchyard:event';

export function isTrustedSender(event: IpcMainInvokeEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return isRendererUrl(frame.url, rendererUrl);
}

export function registerIpc(ipcMain: IpcMain, ctx: HostContext, rendererUrl: string): () => void {
  for (const method of methodNames) {
    ipcMain.handle(method, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, rendererUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'This frame may not call Switchyard.' } };
      }
      return dispatch(ctx, method, input);
    });
  }
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(method);
  };
}

/** Forwards host events to the given windows' renderers. */
export function forwardEvents(ctx: HostContext, targets: () => WebContents[]): () => void {
  return ctx.subscribe((event, payload) => {
    for (const contents of targets()) if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
  });
}
