import { isAppError } from '../../api/appError.ts';
import type { ContractType } from '../../model/contract.ts';
import type { ClassificationRule } from './classificationRule.ts';
import { compileMatchRule } from './matchRule.ts';
import type { CompiledMatchRule } from './matchRule.ts';
import { PreparedText, isUnspacedScript } from './textNormalization.ts';

/**
 * Classification at import: which type, tags and customer a document gets from the rules.
 *
 * Precedence among rules that match, for the single-valued targets (type, customer):
 *  1. Where the match is: the title zone (the first lines of page 1, where a contract names
 *     itself, then the title/file name) beats the rest of page 1, which beats later pages. A Master
 *     Services Agreement that mentions a confidentiality agreement on page 5 is not an NDA, and a
 *     sales contract saying "任何变更须以书面补充协议形式" is not an amendment.
 *  2. In the title zone, the earlier line: "STATEMENT OF WORK No. 3" on line 1 outranks "under
 *     the Master Services Agreement" on line 2.
 *  3. Then the higher `priority` (the defaults use it to pick the head of a compound title:
 *     销售合同补充协议 is an amendment, 技术服务框架协议 a framework).
 *  4. Then the earliest match in that zone.
 *  5. Then a user's rule before a builtin one, then the rule id (so the outcome never depends on
 *     the order rules were stored in).
 * Every matching tag rule adds its tag. Disabled rules and `none` rules never match.
 * A customer whose name appears in the document is linked only when no customer rule matched.
 */

/** The text of a document as classification sees it: its title (file name or metadata title) and its pages. */
export interface ClassifiableDocument {
  title: string;
  pages: string[];
}

/** A customer the vault knows: its id, and its name, which also links documents that name it. */
export interface KnownCustomer {
  id: string;
  name: string;
}

/** Where in the document a rule matched, strongest first. */
export const classificationZones = ['title', 'firstPage', 'body'] as const;
export type ClassificationZone = (typeof classificationZones)[number];

/** One assignment and why it was made. */
export interface ClassificationHit<T> {
  value: T;
  ruleId: string;
  /** The matched snippet as it appears in the document. */
  evidence: string;
  zone: ClassificationZone;
}

/** The outcome of classifying one document. */
export interface ClassificationResult {
  type?: ClassificationHit<ContractType>;
  tags: ClassificationHit<string>[];
  customer?: ClassificationHit<string>;
  /** Rules that could not be used: invalid (stored before a check existed) or out of regex budget. */
  skippedRuleIds: string[];
}

/** The first non-empty lines of page 1 count as title: that is where a contract names itself. */
const HEADING_LINES = 4;
const HEADING_MAX_CHARS = 300;
/** A customer name shorter than this (Han characters weigh 2) is too ambiguous to link by name alone. */
const MIN_CUSTOMER_NAME_WEIGHT = 4;

/** Priority of the implicit customer-name rules: below any stored rule (those stop at -1000). */
const IMPLICIT_NAME_PRIORITY = -1001;

/** Rule id reported when a customer was linked because its name appears in the document. */
export function customerNameRuleId(customerId: string): string {
  return `customer-name-${customerId}`;
}

/**
 * The title zone's text: the first lines of page 1, then the title. The document's own heading
 * comes first because a file name is often a user's shorthand ("Acme docs 2024").
 */
export function titleZoneText(doc: ClassifiableDocument): string {
  const lines: string[] = [];
  let chars = 0;
  for (const line of (doc.pages[0] ?? '').split(/\r?\n|\r|\f/u)) {
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    if (lines.length >= HEADING_LINES || chars + trimmed.length > HEADING_MAX_CHARS) break;
    lines.push(trimmed);
    chars += trimmed.length;
  }
  lines.push(doc.title.replace(/\s+/gu, ' ').trim());
  return lines.join('\n');
}

interface Candidate {
  rule: ClassificationRule;
  zoneRank: number;
  /** Line of the match within the title zone; 0 elsewhere. */
  line: number;
  index: number;
  evidence: string;
  zone: ClassificationZone;
}

function outranks(x: Candidate, y: Candidate): boolean {
  const xImplicit = x.rule.priority === IMPLICIT_NAME_PRIORITY;
  if (xImplicit !== (y.rule.priority === IMPLICIT_NAME_PRIORITY)) return !xImplicit;
  if (x.zoneRank !== y.zoneRank) return x.zoneRank > y.zoneRank;
  if (x.line !== y.line) return x.line < y.line;
  if (x.rule.priority !== y.rule.priority) return x.rule.priority > y.rule.priority;
  if (x.index !== y.index) return x.index < y.index;
  if (x.rule.builtin !== y.rule.builtin) return !x.rule.builtin;
  return x.rule.id < y.rule.id;
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}

function nameWeight(name: string): number {
  let weight = 0;
  for (const char of name.trim()) weight += isUnspacedScript(char.codePointAt(0) ?? 0) ? 2 : 1;
  return weight;
}

/** A set of rules compiled once, to classify many documents (an import batch). */
export interface Classifier {
  /** Classifies one document. */
  classify(doc: ClassifiableDocument): ClassificationResult;
}

/**
 * Compiles rules (and, when given, links by customer name) into a Classifier. Invalid rules are
 * skipped and reported, never thrown: one bad stored rule must not stop an import.
 * With `customers`, customer rules pointing at an unknown (deleted) customer are ignored.
 */
export function createClassifier(rules: readonly ClassificationRule[], customers?: readonly KnownCustomer[]): Classifier {
  const compiled: { rule: ClassificationRule; matcher: CompiledMatchRule }[] = [];
  const skipped: string[] = [];
  const known = customers === undefined ? null : new Set(customers.map((c) => c.id));
  const all: ClassificationRule[] = rules.filter((r) => r.enabled && r.rule.algorithm !== 'none');
  for (const customer of customers ?? []) {
    if (nameWeight(customer.name) < MIN_CUSTOMER_NAME_WEIGHT) continue;
    all.push({
      id: customerNameRuleId(customer.id),
      target: { kind: 'customer', value: customer.id },
      rule: { algorithm: 'exact', pattern: customer.name.trim() },
      priority: IMPLICIT_NAME_PRIORITY,
      enabled: true,
      builtin: false,
    });
  }
  for (const rule of all) {
    if (rule.target.kind === 'customer' && known !== null && !known.has(rule.target.value)) continue;
    try {
      compiled.push({ rule, matcher: compileMatchRule(rule.rule) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      skipped.push(rule.id);
    }
  }

  return {
    classify(doc) {
      const zones: { zone: ClassificationZone; text: PreparedText }[] = [
        { zone: 'title', text: new PreparedText(titleZoneText(doc)) },
        { zone: 'firstPage', text: new PreparedText(doc.pages[0] ?? '') },
      ];
      if (doc.pages.length > 1) zones.push({ zone: 'body', text: new PreparedText(doc.pages.join('\n')) });

      const skippedNow = [...skipped];
      let type: Candidate | null = null;
      let customer: Candidate | null = null;
      const tags = new Map<string, Candidate>();
      for (const { rule, matcher } of compiled) {
        let candidate: Candidate | null = null;
        for (const [position, { zone, text }] of zones.entries()) {
          const result = matcher.match(text);
          if (result.incomplete === true && !skippedNow.includes(rule.id)) skippedNow.push(rule.id);
          if (!result.matched) continue;
          const index = result.index ?? 0;
          const line = zone === 'title' ? countLines(text.original, index) : 0;
          candidate = { rule, zoneRank: zones.length - position, line, index, evidence: result.evidence ?? '', zone };
          break;
        }
        if (candidate === null) continue;
        const target = rule.target;
        if (target.kind === 'type') {
          if (type === null || outranks(candidate, type)) type = candidate;
        } else if (target.kind === 'customer') {
          if (customer === null || outranks(candidate, customer)) customer = candidate;
        } else {
          const current = tags.get(target.value);
          if (current === undefined || outranks(candidate, current)) tags.set(target.value, candidate);
        }
      }

      const toHit = <T>(candidate: Candidate, value: T): ClassificationHit<T> => ({
        value,
        ruleId: candidate.rule.id,
        evidence: candidate.evidence,
        zone: candidate.zone,
      });
      const result: ClassificationResult = {
        tags: [...tags.entries()].map(([value, candidate]) => toHit(candidate, value)),
        skippedRuleIds: skippedNow,
      };
      if (type !== null && type.rule.target.kind === 'type') result.type = toHit(type, type.rule.target.value);
      if (customer !== null) result.customer = toHit(customer, customer.rule.target.value);
      return result;
    },
  };
}

/** Classifies one document with the given rules (see the precedence above). */
export function classify(doc: ClassifiableDocument, rules: readonly ClassificationRule[], customers?: readonly KnownCustomer[]): ClassificationResult {
  return createClassifier(rules, customers).classify(doc);
}
