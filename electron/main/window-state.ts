// The main window's size and position, remembered in <data>/window-state.json and restored only if
// it still fits on a connected display (a monitor may have been unplugged since).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Rectangle } from 'electron';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export function loadWindowState(dataDir: string, displays: Rectangle[]): WindowState | undefined {
  let state: WindowState;
  try {
    state = JSON.parse(readFileSync(path.join(dataDir, 'window-state.json'), 'utf8')) as WindowState;
  } catch {
    return undefined;
  }
  if (!(state.width >= 400 && state.height >= 300)) return undefined;
  if (state.x === undefined || state.y === undefined) return { width: state.width, height: state.height, maximized: state.maximized };
  const visible = displays.some(
    (d) => state.x! >= d.x - 50 && state.y! >= d.y - 50 && state.x! + 100 <= d.x + d.width && state.y! + 100 <= d.y + d.height,
  );
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized };
}

export function saveWindowState(dataDir: string, bounds: Rectangle, maximized: boolean): void {
  try {
    writeFileSync(path.join(dataDir, 'window-state.json'), JSON.stringify({ ...bounds, maximized }));
  } catch {
    // losing the window position is not worth an error dialog
  }
}
