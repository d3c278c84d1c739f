import type { VaultSettings } from '../../../src-shared/model/vaultSettings.ts';
import { validateTemplate } from '../../../src-shared/rules/classification/namingTemplate.ts';
import { validateContractNumberPattern } from '../../../src-shared/rules/classification/contractNumberPattern.ts';
import { setSetting } from '../db/repositories/settingsRepository.ts';
import { appendAudit } from './auditLog.ts';
import { namingTemplate, namingTemplateSetting } from './contractNaming.ts';
import { contractNumberPattern, contractNumberPatternSetting } from './contractNumbering.ts';
import { maxFileBytes, maxFileBytesSetting, ocrEnabled, ocrEnabledSetting } from './importLimits.ts';
import type { ServiceContext } from './serviceContext.ts';
import { autoLockMinutes, autoLockMinutesSetting } from './autoLock.ts';
import { backupWarnDays, backupWarnDaysSetting } from './backupWarning.ts';

/** The vault's settings with defaults filled in. */
export function getSettings(ctx: ServiceContext): VaultSettings {
  const { db } = ctx.session;
  return { importMaxFileBytes: maxFileBytes(db), namingTemplate: namingTemplate(db), contractNumberPattern: contractNumberPattern(db), ocrEnabled: ocrEnabled(db), autoLockMinutes: autoLockMinutes(db), backupWarnDays: backupWarnDays(db) };
}

/** Changes the given settings (templates and patterns are checked first: RULE_INVALID) and records the change. */
export function updateSettings(ctx: ServiceContext, patch: Partial<VaultSettings>): VaultSettings {
  if (patch.namingTemplate !== undefined) validateTemplate(patch.namingTemplate);
  if (patch.contractNumberPattern) validateContractNumberPattern(patch.contractNumberPattern);
  const { db } = ctx.session;
  db.transaction(() => {
    if (patch.importMaxFileBytes !== undefined) setSetting(db, maxFileBytesSetting, patch.importMaxFileBytes);
    if (patch.namingTemplate !== undefined) setSetting(db, namingTemplateSetting, patch.namingTemplate);
    if (patch.contractNumberPattern !== undefined) setSetting(db, contractNumberPatternSetting, patch.contractNumberPattern);
    if (patch.ocrEnabled !== undefined) setSetting(db, ocrEnabledSetting, patch.ocrEnabled);
    if (patch.autoLockMinutes !== undefined) setSetting(db, autoLockMinutesSetting, patch.autoLockMinutes);
    if (patch.backupWarnDays !== undefined) setSetting(db, backupWarnDaysSetting, patch.backupWarnDays);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'settings.update', recordType: 'vault', recordId: null, details: { fields: Object.keys(patch) } });
  }).immediate();
  return getSettings(ctx);
}
