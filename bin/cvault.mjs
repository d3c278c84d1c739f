#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx cvault` works right after `npm install`
// with no build step to remember.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src-main/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
