import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadWindowState, saveWindowState } from '../../electron/main/window-state';

vi.mock('electron', async () => (await import('./../helpers/electron-mock')).createElectronMock());

const { menuTemplate } = await import('../../electron/main/menu');

describe('application menu', () => {
  it('has Settings on Ctrl/Cmd+, and New chat on Ctrl/Cmd+N, sent to the renderer', () => {
    const sent: string[] = [];
    const template = menuTemplate('linux', (command) => sent.push(command));
    const items = template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
    const settings = items.find((item) => item.accelerator === 'CmdOrCtrl+,')!;
    const newChat = items.find((item) => item.accelerator === 'CmdOrCtrl+N')!;
    (settings.click as () => void)();
    (newChat.click as () => void)();
    expect(sent).toEqual(['open-settings', 'new-chat']);
    expect(template.map((menu) => menu.role ?? menu.label)).toEqual(['File', 'editMenu', 'viewMenu', 'windowMenu']);
  });

  it('puts Settings in the app menu on macOS', () => {
    const template = menuTemplate('darwin', () => undefined);
    expect(template[0]!.role).toBe('appMenu');
    expect((template[0]!.submenu as Array<{ accelerator?: string }>).some((item) => item.accelerator === 'CmdOrCtrl+,')).toBe(true);
  });
});

describe('window state', () => {
  let dir: string;
  const display = { x: 0, y: 0, width: 1920, height: 1080 };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-window-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('remembers size and position', () => {
    saveWindowState(dir, { x: 100, y: 80, width: 1000, height: 700 }, false);
    expect(loadWindowState(dir, [display])).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: false });
  });

  it('keeps the size but drops a position on a display that is gone', () => {
    saveWindowState(dir, { x: 2500, y: 80, width: 1000, height: 700 }, true);
    expect(loadWindowState(dir, [display])).toEqual({ width: 1000, height: 700, maximized: true });
  });

  it('ignores a damaged or absurd state file', async () => {
    expect(loadWindowState(dir, [display])).toBeUndefined();
    await writeFile(path.join(dir, 'window-state.json'), '{"width": 5, "height": 5}');
    expect(loadWindowState(dir, [display])).toBeUndefined();
    await writeFile(path.join(dir, 'window-state.json'), 'nonsense');
    expect(loadWindowState(dir, [display])).toBeUndefined();
  });
});
