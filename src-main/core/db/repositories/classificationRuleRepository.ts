import { prepareCached } from '../statementCache.ts';
import type { ClassificationRule, ClassificationTarget } from '../../../../src-shared/rules/classification/classificationRule.ts';
import type { MatchAlgorithm } from '../../../../src-shared/rules/classification/matchRule.ts';
import type { VaultDatabase } from '../connection.ts';

interface RuleRow {
  id: string; target_kind: ClassificationTarget['kind']; target_value: string; algorithm: string; pattern: string;
  case_sensitive: number; priority: number; enabled: number; builtin: number;
}

/** Every stored rule, builtins first, then in creation order. */
export function listClassificationRules(db: VaultDatabase): ClassificationRule[] {
  const rows = prepareCached(db, 'SELECT * FROM classification_rules ORDER BY builtin DESC, created_at, rowid').all() as RuleRow[];
  return rows.map((r) => ({
    id: r.id,
    target: { kind: r.target_kind, value: r.target_value } as ClassificationTarget,
    rule: { algorithm: r.algorithm as MatchAlgorithm, pattern: r.pattern, caseSensitive: r.case_sensitive === 1 },
    priority: r.priority,
    enabled: r.enabled === 1,
    builtin: r.builtin === 1,
  }));
}

/** Stores a rule, replacing one with the same id (call inside the caller's transaction). */
export function upsertClassificationRule(db: VaultDatabase, rule: ClassificationRule, createdAt: string): void {
  prepareCached(db, `INSERT INTO classification_rules (id, target_kind, target_value, algorithm, pattern, case_sensitive, priority, enabled, builtin, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET target_kind = excluded.target_kind, target_value = excluded.target_value,
        algorithm = excluded.algorithm, pattern = excluded.pattern, case_sensitive = excluded.case_sensitive,
        priority = excluded.priority, enabled = excluded.enabled, builtin = excluded.builtin`).run(
    rule.id, rule.target.kind, rule.target.value, rule.rule.algorithm, rule.rule.pattern, rule.rule.caseSensitive ? 1 : 0,
    rule.priority, rule.enabled ? 1 : 0, rule.builtin ? 1 : 0, createdAt,
  );
}

/** Deletes a rule; returns whether it existed. */
export function deleteClassificationRule(db: VaultDatabase, id: string): boolean {
  return prepareCached(db, 'DELETE FROM classification_rules WHERE id = ?').run(id).changes > 0;
}
