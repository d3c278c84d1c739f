import type { AuditEvent } from '../../src-shared/model/auditEvent.ts';
import type { Contract, ContractDetail } from '../../src-shared/model/contract.ts';
import type { CustomerSummary } from '../../src-shared/model/customer.ts';
import type { ImportOutcome } from '../../src-shared/model/importResult.ts';
import type { VerifyReport } from '../../src-shared/model/verifyReport.ts';
import type { ClassificationRule } from '../../src-shared/rules/classification/classificationRule.ts';
import { formatMoneyPlain } from '../../src-shared/rules/money.ts';
import { effectiveStatus } from '../../src-shared/rules/contractStatus.ts';
import { translate, translateReason, type Locale } from '../../src-shared/i18n/translate.ts';
import type { MessageKey } from '../../src-shared/i18n/en.ts';
import { renderTable } from './textTable.ts';
import { fieldLabel, fieldValueText } from './fieldValueText.ts';
import type { ContractType } from '../../src-shared/model/contract.ts';

/** Human-readable renderings of API results for the terminal, in the user's language. */
export function customerTable(locale: Locale, customers: readonly CustomerSummary[]): string {
  if (customers.length === 0) return translate(locale, 'cli.customer.none');
  const t = (k: MessageKey) => translate(locale, k);
  return renderTable(
    [t('cli.field.name'), t('cli.field.contracts'), t('cli.field.email'), t('cli.field.phone'), t('cli.field.id')],
    customers.map((c) => [c.name, String(c.contractCount), c.primaryEmail ?? '', c.primaryPhone ?? '', c.id]),
  );
}

const today = () => new Date().toISOString().slice(0, 10);

export function contractTable(locale: Locale, contracts: readonly Contract[]): string {
  if (contracts.length === 0) return translate(locale, 'cli.contract.none');
  const t = (k: MessageKey) => translate(locale, k);
  return renderTable(
    [t('cli.field.id'), t('cli.field.title'), t('cli.field.customer'), t('cli.field.status'), t('cli.field.endDate'), t('cli.field.amount')],
    contracts.map((c) => [
      c.id, c.displayName, c.customerName ?? '', translate(locale, `contractStatus.${effectiveStatus(c.status, c.endDate, today())}`), c.endDate ?? '',
      c.amount ? `${formatMoneyPlain(c.amount)} ${c.amount.currency}` : '',
    ]),
  );
}

export function contractDetail(locale: Locale, c: ContractDetail): string {
  const t = (k: MessageKey) => translate(locale, k);
  const fields: [MessageKey, string][] = [
    ['cli.field.id', c.id], ['cli.field.name', c.displayName], ['cli.field.title', c.title], ['cli.field.number', c.number ?? ''],
    ['cli.field.customer', c.customerName ?? ''], ['cli.field.type', translate(locale, `contractType.${c.type}`)],
    ['cli.field.status', translate(locale, `contractStatus.${effectiveStatus(c.status, c.endDate, today())}`)], ['cli.field.signingDate', c.signingDate ?? ''],
    ['cli.field.startDate', c.startDate ?? ''], ['cli.field.endDate', c.endDate ?? ''],
    ['cli.field.amount', c.amount ? `${formatMoneyPlain(c.amount)} ${c.amount.currency}` : ''],
    ['cli.field.tags', c.tags.join(', ')], ['cli.field.notes', c.notes ?? ''],
  ];
  const head = renderTable(['', ''], fields.map(([k, v]) => [`${t(k)}:`, v])).split('\n').slice(1).join('\n');
  const files = c.files.flatMap((f) => [
    `  [${f.role}] ${f.name}  (${f.id})`,
    ...f.versions.map((v) => `      ${t('cli.field.version')} ${v.versionNo}  ${v.size} B  ${v.format}  ${t('cli.field.pages')} ${v.pageCount}  ${v.createdAt}  (${v.id})`),
  ]);
  const extracted = c.fields.map((f) => `  ${f.confirmed ? '✓' : '?'} ${fieldLabel(locale, f.field)}: ${fieldValueText(locale, f.field, f.value)}${f.snippet ? `  «${f.snippet.replace(/\s+/g, ' ')}»${f.page ? ` p.${f.page}` : ''}` : ''}`);
  return [head, `${t('cli.field.files')}:`, ...files, ...(extracted.length > 0 ? [`${t('cli.field.extracted')}:`, ...extracted] : [])].join('\n');
}

export function importLines(locale: Locale, outcomes: readonly ImportOutcome[]): { stdout: string; stderr: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  for (const o of outcomes) {
    if (o.status === 'failed') errors.push(`${o.file}: ${o.error.message}`);
    else if (o.status === 'skipped') lines.push(`${o.file}: ${translate(locale, 'cli.import.skipped')} (${o.reason.message})`);
    else if (o.status === 'duplicate') lines.push(`${o.file}: ${translate(locale, 'cli.import.duplicate')} -> ${o.contractId}`);
    else if (o.status === 'new-version') lines.push(`${o.file}: ${translate(locale, 'cli.import.newVersion', { version: o.versionNo })} -> ${o.contractId}`);
    else lines.push(`${o.file}: ${translate(locale, 'cli.import.imported')} -> ${o.contractId}`);
    if ((o.status === 'imported' || o.status === 'new-version') && (o.metadata || o.classifiedType)) {
      const found = Object.entries(o.metadata ?? {}).filter(([field]) => field !== 'language').map(([field, value]) => `${fieldLabel(locale, field)}: ${fieldValueText(locale, field, value)}`);
      if (o.classifiedType) found.unshift(`${fieldLabel(locale, 'type')}: ${translate(locale, `contractType.${o.classifiedType as ContractType}`)}`);
      if (found.length > 0) lines.push(`    ${found.join(' · ')}`);
    }
    if ((o.status === 'imported' || o.status === 'new-version') && o.similarTo) {
      lines.push(`    ${translate(locale, 'cli.import.similar', { contract: o.similarTo.contractId, percent: Math.round(o.similarTo.similarity * 100), id: o.contractId, file: o.similarTo.fileId })}`);
    }
  }
  const count = (s: ImportOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  lines.push(translate(locale, 'cli.import.summary', { imported: count('imported'), versions: count('new-version'), duplicates: count('duplicate'), failed: count('failed') }));
  return { stdout: lines.join('\n'), stderr: errors };
}

export function auditTable(locale: Locale, events: readonly AuditEvent[]): string {
  if (events.length === 0) return translate(locale, 'cli.audit.none');
  const t = (k: MessageKey) => translate(locale, k);
  return renderTable(
    ['#', t('cli.field.when'), t('cli.field.actor'), t('cli.field.action'), t('cli.field.record')],
    [...events].reverse().map((e) => [String(e.seq), e.at, e.actor, e.action, e.recordId ? `${e.recordType} ${e.recordId}` : e.recordType]),
  );
}

export function verifyLines(locale: Locale, report: VerifyReport): { stdout: string; stderr: string[] } {
  if (report.ok) {
    return { stdout: translate(locale, 'cli.verify.ok', { versions: report.checkedVersions, bytes: report.checkedBytes, events: report.auditEvents }), stderr: [] };
  }
  return {
    stdout: '',
    stderr: [
      translate(locale, 'cli.verify.problems', { count: report.problems.length }),
      ...report.problems.map((p) => translate(locale, p.contractId === null ? 'cli.verify.problem' : 'cli.verify.problemInContract', {
        contract: p.contractId ?? '', version: p.versionId ?? '', detail: translateReason(locale, p.detail, p.values),
      })),
    ],
  };
}

export function ruleTable(locale: Locale, rules: readonly ClassificationRule[]): string {
  if (rules.length === 0) return translate(locale, 'cli.rules.none');
  const t = (k: MessageKey) => translate(locale, k);
  return renderTable(
    [t('cli.field.id'), t('cli.rules.target'), t('cli.rules.match'), t('cli.rules.pattern'), t('cli.rules.priority'), t('cli.rules.enabled')],
    rules.map((r) => [
      r.id, `${r.target.kind}: ${r.target.kind === 'type' ? translate(locale, `contractType.${r.target.value}`) : r.target.value}`, r.rule.algorithm,
      r.rule.pattern.length > 60 ? `${r.rule.pattern.slice(0, 57)}...` : r.rule.pattern, String(r.priority), r.enabled ? '✓' : '-',
    ]),
  );
}
