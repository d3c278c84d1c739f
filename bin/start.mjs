#!/usr/bin/env node
// `npm start`: runs the TypeScript entry through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { start } = await import('../src-main/cli/start.ts');
process.exitCode = await start(process.argv.slice(2));
