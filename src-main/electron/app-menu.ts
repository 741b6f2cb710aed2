import type { MenuItemConstructorOptions } from 'electron';

/**
 * A small menu: Edit for copy and paste (and their shortcuts, which on macOS exist only through
 * the menu), zoom for readability. Reload and devtools only in development: reloading would
 * drop unsaved answers and devtools would expose the session.
 */
export function applicationMenuTemplate(options: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
}): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    ...(options.isPackaged
      ? []
      : ([
          { role: 'reload' },
          { role: 'forceReload' },
          { role: 'toggleDevTools' },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(options.platform === 'darwin' ? ([{ role: 'appMenu' }] satisfies MenuItemConstructorOptions[]) : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
