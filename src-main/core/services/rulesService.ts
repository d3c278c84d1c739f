import { AppError } from '../../../src-shared/api/appError.ts';
import type { ClassificationRule } from '../../../src-shared/rules/classification/classificationRule.ts';
import { parseClassificationRule } from '../../../src-shared/rules/classification/classificationRule.ts';
import { DEFAULT_RULES_VERSION, defaultClassificationRules } from '../../../src-shared/rules/classification/defaultRules.ts';
import type { VaultDatabase } from '../db/connection.ts';
import { deleteClassificationRule, listClassificationRules, upsertClassificationRule } from '../db/repositories/classificationRuleRepository.ts';
import { getSetting, setSetting } from '../db/repositories/settingsRepository.ts';
import { newId } from '../ids.ts';
import { appendAudit } from './auditLog.ts';
import { resolveCustomer } from './customerService.ts';
import type { OperationInput } from '../../../src-shared/api/operations.ts';
import type { ServiceContext } from './serviceContext.ts';

const defaultsVersionSetting = 'rules.defaultsVersion';

/**
 * Installs the shipped default rules once per defaults version. Rules are data in the vault: a user who
 * edited or removed a builtin keeps that choice; only a newer set of defaults is added on upgrade.
 */
export function ensureDefaultRules(db: VaultDatabase): void {
  const installed = getSetting(db, defaultsVersionSetting);
  if (typeof installed === 'number' && installed >= DEFAULT_RULES_VERSION) return;
  db.transaction(() => {
    const existing = new Set(listClassificationRules(db).map((r) => r.id));
    const now = new Date().toISOString();
    for (const rule of defaultClassificationRules()) if (!existing.has(rule.id)) upsertClassificationRule(db, rule, now);
    setSetting(db, defaultsVersionSetting, DEFAULT_RULES_VERSION);
  }).immediate();
}

/** Every classification rule in the vault. */
export function listRules(ctx: ServiceContext): ClassificationRule[] {
  return listClassificationRules(ctx.session.db);
}

/** Adds a user rule after checking it compiles (a bad regex is refused with RULE_INVALID); a customer target may be a name. */
export function addRule(ctx: ServiceContext, input: OperationInput<'rules.add'>): ClassificationRule {
  const target = input.target.kind === 'customer' ? { kind: 'customer' as const, value: resolveCustomer(ctx, input.target.value).id } : input.target;
  const rule = parseClassificationRule({ id: newId(), target, rule: input.rule, priority: input.priority ?? 0, enabled: input.enabled ?? true, builtin: false });
  ctx.session.db.transaction(() => {
    upsertClassificationRule(ctx.session.db, rule, new Date().toISOString());
    appendAudit(ctx.session, { actor: ctx.actor, action: 'rule.create', recordType: 'rule', recordId: null, details: { ruleId: rule.id, target: rule.target.kind } });
  }).immediate();
  return rule;
}

/** Removes a rule (builtins too: the user decides what classifies their contracts). */
export function removeRule(ctx: ServiceContext, id: string): { removed: true } {
  ctx.session.db.transaction(() => {
    if (!deleteClassificationRule(ctx.session.db, id)) throw new AppError('RULE_NOT_FOUND', { id });
    appendAudit(ctx.session, { actor: ctx.actor, action: 'rule.delete', recordType: 'rule', recordId: null, details: { ruleId: id } });
  }).immediate();
  return { removed: true };
}
