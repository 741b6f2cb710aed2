// Constants the Forge Vite plugin substitutes into the main bundle at build time (see its
// `getBuildDefine`). Declared here rather than through `@electron-forge/plugin-vite/forge-vite-env`
// so the dev-server URL is typed as possibly absent: it only exists under `electron-forge start`.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;
