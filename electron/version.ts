// The app version: injected by the bundler in builds, read from package.json when running from source.
import { readFileSync } from 'node:fs';

declare const __SWITCHYARD_VERSION__: string | undefined;

function versionFromPackageJson(): string {
  let dir = new URL('.', import.meta.url);
  for (let depth = 0; depth < 5; depth += 1) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'switchyard' && pkg.version) return pkg.version;
    } catch {
      // not in this folder; look one level up
    }
    dir = new URL('..', dir);
  }
  return '0.0.0';
}

export const appVersion: string = typeof __SWITCHYARD_VERSION__ === 'string' ? __SWITCHYARD_VERSION__ : versionFromPackageJson();
