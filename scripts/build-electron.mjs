#!/usr/bin/env node
// `npm run build:electron`: bundles the desktop shell into dist/electron (see src-main/cli/electronBuild.ts).
import { register } from 'tsx/esm/api';

register();
const { buildElectron } = await import('../src-main/cli/electronBuild.ts');
process.stdout.write(`${await buildElectron()}\n`);
