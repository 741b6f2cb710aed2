// Runs sandboxed: only `contextBridge` and `ipcRenderer` are used, and the bundle is one CJS
// file because a sandboxed preload cannot require anything but electron.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('hearingDesk', createBridge(ipcRenderer));
