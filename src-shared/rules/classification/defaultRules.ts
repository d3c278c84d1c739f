import type { ContractType } from '../../model/contract.ts';
import type { ClassificationRule } from './classificationRule.ts';

/**
 * The contract-type rules a new vault starts with, one Chinese and one English rule per type.
 * They are ordinary rules (builtin: true): the user can edit or disable them, and restore them.
 *
 * The words are names of contract types, not topics: 保密协议 / "non-disclosure agreement", never
 * 保密 / "confidential", because every contract has a confidentiality clause. Where a word appears
 * (title or heading, first page, body) decides first (classify.ts); priority only orders types that
 * appear in the same place, and says which one is the head of a compound title:
 *   amendment 30   销售合同补充协议 / "Amendment No. 1 to the Sales Agreement" is an amendment
 *   framework 20   技术服务框架协议 / "Master Services Agreement" is a framework, not a service contract
 *   nda, lease, employment 10   "Services Agreement and NDA"? the more specific subject wins
 *   sales, purchase, service 0
 * Ties left after that go to the word seen first ("Sale and Purchase Agreement" is a sale).
 */

/** Bumped whenever the shipped defaults change, so a vault can offer the new ones on upgrade. */
export const DEFAULT_RULES_VERSION = 1;

interface DefaultRuleSpec {
  type: ContractType;
  priority: number;
  zh: string;
  en: string;
}

const specs: DefaultRuleSpec[] = [
  {
    type: 'amendment',
    priority: 30,
    zh: '补充协议 变更协议 修改协议 修订协议 补充合同 变更合同 补充条款',
    en: 'amendment addendum "variation agreement" "deed of variation" "supplemental agreement" "supplementary agreement" "change order"',
  },
  {
    type: 'framework',
    priority: 20,
    zh: '框架协议 框架合同 主协议 总协议 主服务协议 战略合作协议 合作框架',
    en: '"master services agreement" "master service agreement" "master agreement" "framework agreement" "master purchase agreement" "master supply agreement" "umbrella agreement" MSA',
  },
  {
    type: 'nda',
    priority: 10,
    zh: '保密协议 保密合同 保密承诺书 保密契约 不披露协议',
    en: '"non-disclosure agreement" "nondisclosure agreement" "confidentiality agreement" "confidential disclosure agreement" "secrecy agreement" NDA',
  },
  {
    type: 'lease',
    priority: 10,
    zh: '租赁合同 租赁协议 房屋租赁 租房合同 场地租赁 厂房租赁 设备租赁 车辆租赁 房屋出租',
    en: 'lease tenancy "lease agreement" "tenancy agreement" "rental agreement" "equipment lease"',
  },
  {
    type: 'employment',
    priority: 10,
    zh: '劳动合同 劳动协议 聘用合同 聘用协议 聘任合同 雇佣合同 雇用合同',
    en: '"employment agreement" "employment contract" "contract of employment" "offer of employment" "offer letter"',
  },
  {
    type: 'sales',
    priority: 0,
    zh: '销售合同 销售协议 购销合同 购销协议 买卖合同 供货合同 供货协议 订货合同',
    en: '"sales agreement" "sales contract" "sale and purchase agreement" "sale of goods" "supply agreement" "sales order"',
  },
  {
    type: 'purchase',
    priority: 0,
    zh: '采购合同 采购协议 采购订单 订购合同 订购协议',
    en: '"purchase agreement" "purchase contract" "purchase order" "procurement agreement" "procurement contract"',
  },
  {
    type: 'service',
    priority: 0,
    zh: '服务合同 服务协议 咨询合同 顾问合同 委托开发合同 技术开发合同 软件开发合同 劳务合同 外包合同 维保合同 维护合同 运维服务',
    en: '"services agreement" "service agreement" "service contract" "consulting agreement" "consultancy agreement" "statement of work" SOW "professional services" "maintenance agreement" "support agreement" "development agreement"',
  },
];

/** A fresh copy of the default type rules (callers may store and edit them). */
export function defaultClassificationRules(): ClassificationRule[] {
  return specs.flatMap((spec) =>
    (['zh', 'en'] as const).map((language) => ({
      id: `builtin-${spec.type}-${language}`,
      target: { kind: 'type' as const, value: spec.type },
      rule: { algorithm: 'any' as const, pattern: spec[language] },
      priority: spec.priority,
      enabled: true,
      builtin: true,
    })),
  );
}
