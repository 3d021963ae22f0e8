// Where Switchyard keeps its data. The app (Electron's userData), browser mode and the CLI all use
// the same folder so that they see the same profiles and history.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.SWITCHYARD_HOME?.trim();
  if (override) return path.resolve(override);
  const home = os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Switchyard');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Switchyard');
    default:
      return path.join(env.XDG_CONFIG_HOME?.trim() || path.join(home, '.config'), 'Switchyard');
  }
}
