// The packaging config is valid for electron-builder and would ship what the app needs. No
// Electron binary can be downloaded here, so this checks the config and the file list, not a build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
};
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};

function walk(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

describe('electron-builder configuration', () => {
  it("validates against electron-builder's own schema", () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('targets AppImage and deb, dmg with the hardened runtime, and nsis; no native rebuild', () => {
    expect(config).toMatchObject({
      appId: 'dev.switchyard.app',
      productName: 'Switchyard',
      npmRebuild: false,
      linux: { target: ['AppImage', 'deb'] },
      mac: { target: ['dmg'], hardenedRuntime: true },
      win: { target: ['nsis'] },
    });
    for (const file of ['build/icon.png', 'build/entitlements.mac.plist']) expect(existsSync(path.join(root, file)), file).toBe(true);
    expect(pkg.allowScripts).toMatchObject({ keytar: true, electron: false, 'electron-winstaller': false });
  });

  it('flips the Electron fuses that keep the packaged app from running other code', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("packs main, preload and the renderer from a real build, and unpacks keytar's native module", () => {
    const built = walk(path.join(root, 'dist')).map((f) => `dist/${f}`);
    expect(built.length, 'run `npm run build` first').toBeGreaterThan(3);
    const include = config.files.filter((g) => !g.startsWith('!'));
    const exclude = config.files.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
    const isIncluded = picomatch(include, { dot: true });
    const isExcluded = picomatch(exclude, { dot: true });
    const packed = [...built, 'package.json'].filter((f) => isIncluded(f) && !isExcluded(f));
    expect(packed).toEqual(expect.arrayContaining(['dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/index.html', 'package.json']));
    expect(packed.some((f) => /^dist\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
    expect(packed.filter((f) => f.endsWith('.map'))).toEqual([]);
    // electron-builder adds production dependencies itself; keytar must be one, and unpacked.
    expect(Object.keys(pkg.dependencies)).toContain('keytar');
    const keytarNode = walk(path.join(root, 'node_modules/keytar/build/Release')).find((f) => f.endsWith('.node'));
    expect(keytarNode).toBe('keytar.node');
    expect(picomatch(config.asarUnpack, { dot: true })(`node_modules/keytar/build/Release/${keytarNode}`)).toBe(true);
  });
});

describe('npm start without an Electron binary', () => {
  it('prints one clear line naming the alternative and exits non-zero', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/start.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(root, 'no-such-electron') },
    });
    expect(run.status).not.toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Electron binary is not installed');
    expect(lines[0]).toContain('npm run web');
  });
});
