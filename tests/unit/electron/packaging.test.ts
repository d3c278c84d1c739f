import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagedResourcePath } from '../../../src-main/core/ingest/packagedResources.ts';
import { resolveOcrLanguageData } from '../../../src-main/core/ingest/ocr/ocrLanguageData.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

/** electron-builder's own configuration loader and validator (ajv against app-builder-lib/scheme.json). */
interface BuilderConfigApi {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, debugLogger: unknown): Promise<void>;
}
const builderConfig = require('app-builder-lib/out/util/config/config.js') as BuilderConfigApi;
const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };

interface FusesApi {
  getCurrentFuseWire(path: string): Promise<Record<number, number>>;
  FuseV1Options: Record<string, number>;
}
const fuses = require('@electron/fuses') as FusesApi;
const afterPack = require(join(repoRoot, 'build/afterPack.cjs')) as ((context: unknown) => Promise<void>) & { fuseSettings: Record<number, boolean> };

type Target = { target: string; arch: string[] };
const targetsOf = (section: unknown) => ((section as { target: Target[] }).target).map((t) => `${t.target}:${t.arch.join('+')}`);

describe('electron-builder.yml', () => {
  let config: Record<string, unknown>;
  beforeAll(async () => {
    config = await builderConfig.getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null);
  });

  it('is valid against electron-builder’s own JSON schema, as electron-builder loads it', async () => {
    await expect(builderConfig.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator is not a rubber stamp: a misplaced option and a wrong type are refused.
    await expect(builderConfig.validateConfiguration({ ...config, dmgTitle: 'x' }, new DebugLogger(false))).rejects.toThrow(/dmgTitle/u);
    await expect(builderConfig.validateConfiguration({ ...config, nsis: { oneClick: 'sometimes' } }, new DebugLogger(false))).rejects.toThrow(/oneClick/u);
  });

  it('builds NSIS + portable, dmg for x64 and arm64, AppImage + deb', () => {
    expect(targetsOf(config.win)).toEqual(['nsis:x64', 'portable:x64']);
    expect(targetsOf(config.mac)).toEqual(['dmg:x64+arm64']);
    expect(targetsOf(config.linux)).toEqual(['AppImage:x64', 'deb:x64']);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'cvbackup' })]);
  });

  it('unpacks the native modules, ships OCR data and pdf.js fonts/cMaps as resources, and flips fuses after packing', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3-multiple-ciphers/**', '**/node_modules/@napi-rs/**']));
    const resources = config.extraResources as { from: string; to: string }[];
    expect(resources.map((r) => r.to)).toEqual(['tessdata/eng/4.0.0_best_int', 'tessdata/chi_sim/4.0.0_best_int', 'pdfjs/standard_fonts', 'pdfjs/cmaps', 'pdfium/pdfium.wasm']);
    for (const resource of resources) expect(existsSync(join(repoRoot, resource.from)), resource.from).toBe(true);
    // The OCR data and fonts are shipped where packagedResources.ts looks for them.
    expect(existsSync(join(repoRoot, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'))).toBe(true);
    expect(config.afterPack).toBe('build/afterPack.cjs');
    expect(existsSync(join(repoRoot, String(config.afterPack)))).toBe(true);
    expect(existsSync(join(repoRoot, String((config.mac as { entitlements: string }).entitlements)))).toBe(true);
  });

  it('the release workflow builds each platform on its own runner and signs only when the secrets exist', async () => {
    const workflow = await readFile(join(repoRoot, '.github/workflows/release.yml'), 'utf8');
    for (const os of ['windows-latest', 'macos-latest', 'ubuntu-latest']) expect(workflow).toContain(`os: ${os}`);
    expect(workflow).toContain('secrets.CSC_LINK');
    expect(workflow).toContain('secrets.APPLE_API_KEY_ID');
    expect(workflow).toContain('CSC_IDENTITY_AUTO_DISCOVERY=false');
  });
});

describe('resources beside the packaged app', () => {
  it('are found where extraResources puts them, and node_modules is used when they are absent', async () => {
    const temp = await makeTempDir();
    const saved = process.env.CONTRACT_VAULT_RESOURCES;
    try {
      const config = await builderConfig.getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'), null);
      for (const resource of config.extraResources as { to: string }[]) await mkdir(join(temp.dir, resource.to), { recursive: true });
      await writeFile(join(temp.dir, 'tessdata/eng/4.0.0_best_int/eng.traineddata.gz'), 'x');
      process.env.CONTRACT_VAULT_RESOURCES = temp.dir;
      expect(packagedResourcePath('pdfjs', 'cmaps')).toBe(join(temp.dir, 'pdfjs', 'cmaps'));
      expect(packagedResourcePath('pdfjs', 'standard_fonts')).toBe(join(temp.dir, 'pdfjs', 'standard_fonts'));
      expect(packagedResourcePath('pdfium', 'pdfium.wasm')).toBe(join(temp.dir, 'pdfium', 'pdfium.wasm'));
      expect(resolveOcrLanguageData('eng').file).toBe(join(temp.dir, 'tessdata/eng/4.0.0_best_int/eng.traineddata.gz'));
      process.env.CONTRACT_VAULT_RESOURCES = join(temp.dir, 'missing');
      expect(packagedResourcePath('pdfjs', 'cmaps')).toBeNull();
      expect(resolveOcrLanguageData('eng').file).toContain(join('node_modules', '@tesseract.js-data', 'eng'));
    } finally {
      if (saved === undefined) delete process.env.CONTRACT_VAULT_RESOURCES;
      else process.env.CONTRACT_VAULT_RESOURCES = saved;
      await temp.cleanup();
    }
  });
});

describe('afterPack fuses (@electron/fuses 1)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp.cleanup();
  });

  /**
   * A file laid out like the fuse wire inside an Electron binary (sentinel, wire version 1, length,
   * one byte per fuse; '1' = enabled, as Electron ships them), since the real binary cannot be
   * downloaded here. @electron/fuses reads and writes exactly this.
   */
  async function fakeElectron(path: string): Promise<void> {
    const wire = Buffer.concat([Buffer.from('prefix bytes '), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('11101100'), Buffer.from(' suffix')]);
    await writeFile(path, wire);
  }

  it('turns RunAsNode, NODE_OPTIONS and --inspect off, asar-only loading and its integrity check on (Linux and Windows layouts)', async () => {
    const linuxDir = join(temp.dir, 'linux-unpacked');
    await mkdir(linuxDir);
    await fakeElectron(join(linuxDir, 'contract-vault'));
    await afterPack({ appOutDir: linuxDir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'contract-vault', appInfo: { productFilename: 'Contract Vault' } } });
    const winDir = join(temp.dir, 'win-unpacked');
    await mkdir(winDir);
    await fakeElectron(join(winDir, 'Contract Vault.exe'));
    await afterPack({ appOutDir: winDir, electronPlatformName: 'win32', arch: 1, packager: { executableName: 'contract-vault', appInfo: { productFilename: 'Contract Vault' } } });
    const O = fuses.FuseV1Options;
    const enabled = 49;
    const disabled = 48;
    for (const binary of [join(linuxDir, 'contract-vault'), join(winDir, 'Contract Vault.exe')]) {
      const wire = await fuses.getCurrentFuseWire(binary);
      expect(wire[O.RunAsNode!], binary).toBe(disabled);
      expect(wire[O.EnableNodeOptionsEnvironmentVariable!]).toBe(disabled);
      expect(wire[O.EnableNodeCliInspectArguments!]).toBe(disabled);
      expect(wire[O.EnableEmbeddedAsarIntegrityValidation!]).toBe(enabled);
      expect(wire[O.OnlyLoadAppFromAsar!]).toBe(enabled);
      expect(wire[O.EnableCookieEncryption!]).toBe(enabled);
      expect(wire[O.GrantFileProtocolExtraPrivileges!]).toBe(disabled);
    }
  });
});
