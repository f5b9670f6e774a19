/** The native menu: the platform's usual roles, plus a way to the data folder. */
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

export function menuTemplate(dataDir: string, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [{ label: 'Open Data Folder', click: () => void shell.openPath(dataDir) }, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Assistants API Reference', click: () => void shell.openExternal('https://platform.openai.com/docs/api-reference/assistants') }],
    },
  ];
}

export function setupMenu(dataDir: string): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(dataDir)));
}
