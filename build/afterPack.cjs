// electron-builder `afterPack` hook (issue 6): flips Electron's fuses in the packaged binary with
// @electron/fuses 1 (2.x needs Node 22), before electron-builder signs it. docs/decisions/0014.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads this hook with require(), so it is CommonJS. */
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** electron-builder's `Arch.arm64` (builder-util); a number so this hook needs nothing else. */
const ARCH_ARM64 = 3;

/**
 * The fuse settings. Off: running the binary as plain Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS, and
 * --inspect / --inspect-brk (each would let anyone with a shell run code with the app's identity and
 * read what it decrypts). On: loading the app only from app.asar, checking app.asar against the hash
 * electron-builder embeds, encrypting cookies. Off: file:// privileges the app never uses.
 */
const fuseSettings = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron binary (or .app bundle) electron-builder just packed, for the platform it packed. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(electronBinary(context), {
    version: FuseVersion.V1,
    // Flipping invalidates the ad-hoc signature Apple silicon requires; re-sign ad hoc (a real identity signs afterwards).
    resetAdHocDarwinSignature: darwin && context.arch === ARCH_ARM64,
    ...fuseSettings,
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseSettings = fuseSettings;
module.exports.electronBinary = electronBinary;
