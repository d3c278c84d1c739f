import type { VaultDatabase } from './connection.ts';

/** One schema step; files are named migrations/NNNN-name.ts and never edited once released. */
export interface Migration {
  version: number;
  name: string;
  up(db: VaultDatabase): void;
}
