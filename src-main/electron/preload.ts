// The window's preload. It runs sandboxed, so it is bundled into one CommonJS file (scripts/buildElectron.mjs)
// and may require only `electron`. It exposes the typed bridge and nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { desktopBridgeGlobal } from '../../src-shared/api/desktopBridge.ts';
import { createDesktopBridge } from './preloadBridge.ts';

contextBridge.exposeInMainWorld(desktopBridgeGlobal, createDesktopBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as File)));
