// The main window: its size and place (remembered bounds), with the web preferences and navigation
// guard every window gets (secure-window.ts).
import type { BrowserWindow, Rectangle } from 'electron';
import { createSecureWindow } from './secure-window';

export function createMainWindow(preloadPath: string, rendererUrl: string, bounds?: Partial<Rectangle>): BrowserWindow {
  const window = createSecureWindow(
    {
      width: bounds?.width ?? 1280,
      height: bounds?.height ?? 820,
      ...(bounds?.x !== undefined && bounds.y !== undefined && { x: bounds.x, y: bounds.y }),
      minWidth: 880,
      minHeight: 560,
      title: 'Switchyard',
      backgroundColor: '#0f1115',
    },
    { preloadPath, rendererUrl, spellcheck: true },
  );
  void window.loadURL(rendererUrl);
  return window;
}
