import { AppError } from '../../../src-shared/api/appError.ts';
import type { VaultDatabase } from './connection.ts';
import type { Migration } from './migration.ts';
import { migrations as allMigrations } from './migrations/index.ts';

/**
 * Brings the schema up to date in ONE transaction (all pending steps and user_version commit
 * together or not at all), and refuses a database written by a newer app instead of guessing.
 */
export function migrate(db: VaultDatabase, migrations: readonly Migration[] = allMigrations): { from: number; to: number } {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new AppError('DATABASE_TOO_NEW', { found: current, supported: latest });
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return { from: current, to: current };
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version=${latest}`);
  }).immediate();
  return { from: current, to: latest };
}
