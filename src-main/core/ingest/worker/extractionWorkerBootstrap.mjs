// Worker threads do not inherit the tsx loader registered by bin/*.mjs, so each worker registers it
// before loading the TypeScript entry. (The packaged app bundles the worker instead.)
import { register } from 'tsx/esm/api';

register();
await import('./extractionWorker.ts');
