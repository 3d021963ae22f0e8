// The application menu: the standard roles and shortcuts, plus Settings (Ctrl/Cmd+,) and New chat
// (Ctrl/Cmd+N), which the renderer receives as an app.command event.
import type { MenuItemConstructorOptions } from 'electron';

export type AppCommand = 'open-settings' | 'new-chat';

export function menuTemplate(platform: NodeJS.Platform, send: (command: AppCommand) => void): MenuItemConstructorOptions[] {
  const settings: MenuItemConstructorOptions = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => send('open-settings') };
  const newChat: MenuItemConstructorOptions = { label: 'New Chat', accelerator: 'CmdOrCtrl+N', click: () => send('new-chat') };
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') {
    template.push({
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: [
      newChat,
      ...(platform === 'darwin' ? [] : [settings, { type: 'separator' } as const, { role: 'quit' } as const]),
      ...(platform === 'darwin' ? [{ role: 'close' } as const] : []),
    ],
  });
  template.push({ role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' });
  return template;
}
