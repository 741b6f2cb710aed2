import type { BaseWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { shellText, startupLanguage, type Catalogs } from './startup-messages';

/**
 * Where evidence files come from in the app: main's own "open" dialog, modal to the window that
 * asked. The renderer never names a path; it only asks main to let the officer choose.
 */

/** The part of Electron's `dialog` this needs, so the module is tested in plain Node. */
export interface DialogLike {
  showOpenDialog(window: BaseWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
}

export interface FileChooserDeps {
  dialog: DialogLike;
  /** The app's own window of that client (IPC clients are webContents ids), if it is still open. */
  windowOf(clientId: string): BaseWindow | undefined;
  catalogs: Catalogs;
  /** The operating system's locale (`app.getLocale()`), which the dialog's own buttons follow. */
  locale(): string;
}

export function evidenceDialogOptions(title: string): OpenDialogOptions {
  return {
    title,
    // Files only, several at once; no folder, and nothing to create. `dontAddToRecent` keeps the
    // victim's files out of Windows' recent documents.
    properties: ['openFile', 'multiSelections', 'dontAddToRecent'],
  };
}

export function createFileChooser(deps: FileChooserDeps): (clientId: string) => Promise<string[]> {
  return async (clientId) => {
    const window = deps.windowOf(clientId);
    // Only a window of the app asks (the IPC sender check ran first); a closed one chooses nothing.
    if (!window) return [];
    const result = await deps.dialog.showOpenDialog(
      window,
      evidenceDialogOptions(dialogTitle(deps.catalogs, deps.locale())),
    );
    return result.canceled ? [] : result.filePaths;
  };
}

/** `evidence.dialogTitle` in the OS language, else English. */
export function dialogTitle(catalogs: Catalogs, locale: string): string {
  return shellText(catalogs, startupLanguage(locale), 'evidence.dialogTitle') ?? 'Evidence';
}
