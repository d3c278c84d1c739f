import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVaultDatabase, type VaultDatabase } from '../../../src-main/core/db/connection.ts';
import { commitGrouped } from '../../../src-main/core/db/groupCommit.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';

describe('group commit on a real encrypted database', () => {
  const open: VaultDatabase[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    for (const db of open.splice(0)) db.close();
    await cleanup?.();
  });

  async function twoConnections() {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    const key = randomBytes(32);
    const path = join(temp.dir, 'group.db');
    const writer = openVaultDatabase(path, key);
    writer.exec('CREATE TABLE item (name TEXT PRIMARY KEY)');
    const reader = openVaultDatabase(path, key);
    open.push(writer, reader);
    const count = (db: VaultDatabase) => (db.prepare('SELECT count(*) AS n FROM item').get() as { n: number }).n;
    return { writer, reader, count };
  }

  it('commits the work of one turn in one transaction, each caller answered after the commit', async () => {
    const { writer, reader, count } = await twoConnections();
    const seenInside: { mine: number; others: number }[] = [];
    const insert = (name: string) => () => {
      writer.prepare('INSERT INTO item (name) VALUES (?)').run(name);
      // Earlier callers' rows are visible to this one (same transaction) but not yet to another connection.
      seenInside.push({ mine: count(writer), others: count(reader) });
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((name) => commitGrouped(writer, insert(name))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(seenInside).toEqual([{ mine: 1, others: 0 }, { mine: 2, others: 0 }, { mine: 3, others: 0 }]);
    expect(count(reader)).toBe(3);
  });

  it('rolls back only the caller whose work failed; the others of the batch commit', async () => {
    const { writer, reader, count } = await twoConnections();
    const insert = (name: string) => () => writer.prepare('INSERT INTO item (name) VALUES (?)').run(name).changes;
    const settled = await Promise.allSettled([
      commitGrouped(writer, insert('a')),
      commitGrouped(writer, () => {
        writer.prepare('INSERT INTO item (name) VALUES (?)').run('half-done');
        throw new Error('the second caller fails after writing a row');
      }),
      commitGrouped(writer, insert('a')), // a duplicate key: fails on its own
      commitGrouped(writer, insert('c')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'the second caller fails after writing a row' });
    expect(reader.prepare('SELECT name FROM item ORDER BY name').all()).toEqual([{ name: 'a' }, { name: 'c' }]);
    expect(count(writer)).toBe(2);
  });

  it('rejects every caller of the batch when the commit itself cannot happen', async () => {
    const { writer } = await twoConnections();
    const pending = [commitGrouped(writer, () => 1), commitGrouped(writer, () => 2)];
    writer.close();
    open.splice(open.indexOf(writer), 1);
    const settled = await Promise.allSettled(pending);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
  });

  it('starts a new batch for work requested after a commit', async () => {
    const { writer, reader, count } = await twoConnections();
    await commitGrouped(writer, () => writer.prepare('INSERT INTO item (name) VALUES (?)').run('first'));
    expect(count(reader)).toBe(1);
    await commitGrouped(writer, () => writer.prepare('INSERT INTO item (name) VALUES (?)').run('second'));
    expect(count(reader)).toBe(2);
  });

  it('commits with synchronous=NORMAL and syncs the WAL itself, leaving the connection at FULL for every other transaction', async () => {
    const { writer, reader, count } = await twoConnections();
    const during: number[] = [];
    await commitGrouped(writer, () => {
      during.push(writer.pragma('synchronous', { simple: true }) as number);
      return writer.prepare('INSERT INTO item (name) VALUES (?)').run('x');
    });
    // 1 = NORMAL inside the group's transaction, 2 = FULL again once it committed.
    expect(during).toEqual([1]);
    expect(writer.pragma('synchronous', { simple: true })).toBe(2);
    expect(count(reader)).toBe(1);
  });

  it('answers the callers when the database is closed right after the commit (the WAL is then checkpointed away)', async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    const key = randomBytes(32);
    const path = join(temp.dir, 'closing.db');
    const db = openVaultDatabase(path, key);
    db.exec('CREATE TABLE item (name TEXT PRIMARY KEY)');
    const committed = commitGrouped(db, () => db.prepare('INSERT INTO item (name) VALUES (?)').run('kept').changes);
    // Runs right after the group's flush (setImmediate callbacks run in order), before the WAL sync finished.
    await new Promise((resolve) => setImmediate(resolve));
    db.close();
    await expect(committed).resolves.toBe(1);
    const again = openVaultDatabase(path, key);
    open.push(again);
    expect(again.prepare('SELECT name FROM item').all()).toEqual([{ name: 'kept' }]);
  });
});
