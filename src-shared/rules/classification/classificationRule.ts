import { z } from 'zod';
import { AppError, isAppError } from '../../api/appError.ts';
import { contractTypes } from '../../model/contract.ts';
import type { ContractType } from '../../model/contract.ts';
import { MAX_PATTERN_CHARS, compileMatchRule, matchAlgorithms } from './matchRule.ts';
import type { MatchRule } from './matchRule.ts';

/** What a rule assigns when it matches: a contract type, a tag, or a customer (by id). */
export type ClassificationTarget =
  | { kind: 'type'; value: ContractType }
  | { kind: 'tag'; value: string }
  | { kind: 'customer'; value: string /* customer id */ };

/**
 * One classification rule, stored in the vault and editable. `builtin` marks the shipped defaults
 * (they can be disabled or edited, and restored); `priority` orders rules that match in the same
 * part of a document (see classify.ts).
 */
export interface ClassificationRule {
  id: string;
  target: ClassificationTarget;
  rule: MatchRule;
  priority: number;
  enabled: boolean;
  builtin: boolean;
}

/** Rule ids: the 32-hex ids the vault generates, or readable ones for builtins (builtin-nda-en). */
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'rule id: lower-case letters, digits and dashes');
const customerId = z.string().regex(/^[0-9a-f]{32}$/, 'customer id');

/** Schema of a MatchRule (shape only; compileMatchRule checks what a shape cannot show). */
export const matchRuleSchema = z
  .object({
    algorithm: z.enum(matchAlgorithms),
    pattern: z.string().max(MAX_PATTERN_CHARS),
    caseSensitive: z.boolean().optional(),
  })
  .strict();

/** Schema of a ClassificationTarget. */
export const classificationTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('type'), value: z.enum(contractTypes) }).strict(),
  z.object({ kind: z.literal('tag'), value: z.string().trim().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('customer'), value: customerId }).strict(),
]);

/** Schema of a whole rule, including the check that its pattern compiles (bad regexes are refused here). */
export const classificationRuleSchema = z
  .object({
    id: ruleId,
    target: classificationTargetSchema,
    rule: matchRuleSchema,
    priority: z.number().int().min(-1000).max(1000),
    enabled: z.boolean(),
    builtin: z.boolean(),
  })
  .strict()
  .superRefine((value, context) => {
    try {
      compileMatchRule(value.rule);
    } catch (error) {
      if (!isAppError(error)) throw error;
      // The rule's own refusal travels with the issue, so its translated reason reaches the user unchanged.
      context.addIssue({ code: 'custom', path: ['rule', 'pattern'], message: error.code, params: { refusal: error } });
    }
  });

/** Parses untrusted input (API, CLI, a stored row) into a rule; throws RULE_INVALID naming the first problem. */
export function parseClassificationRule(input: unknown): ClassificationRule {
  const parsed = classificationRuleSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const refusal: unknown = issue?.code === 'custom' ? issue.params?.['refusal'] : undefined;
  if (isAppError(refusal)) throw refusal;
  const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}: `;
  throw new AppError('RULE_INVALID', { detail: `${where}${issue?.message ?? 'invalid rule'}` });
}
