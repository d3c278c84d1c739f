import type { Migration } from '../migration.ts';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-ingest.ts';
import { migration0003 } from './0003-search.ts';
import { migration0004 } from './0004-folders.ts';
import { migration0005 } from './0005-blob-digests.ts';

/** Every migration, in order; the last one's version is the schema this app writes. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005];
