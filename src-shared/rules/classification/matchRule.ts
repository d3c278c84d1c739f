import { AppError } from '../../api/appError.ts';
import { findFuzzy } from './fuzzyMatch.ts';
import { compileLinearRegex } from './linearRegex.ts';
import type { LinearRegex } from './linearRegex.ts';
import { findTerm, splitRuleWords } from './termSearch.ts';
import type { TextRange } from './termSearch.ts';
import { PreparedText, normalizePattern } from './textNormalization.ts';
import type { NormalizationOptions } from './textNormalization.ts';
import type { ReasonKey } from '../../api/errorReasons.ts';

/**
 * How a rule's pattern is looked for, after Paperless-ngx:
 * - any: the text contains at least one of the words (space-separated; "quoted phrase" is one word)
 * - all: the text contains every one of the words
 * - exact: the text contains the whole pattern as one phrase
 * - regex: the pattern is a regular expression (linear-time engine, see linearRegex.ts)
 * - fuzzy: the text contains something within a few edits of the pattern (see fuzzyMatch.ts)
 * - none: never matches (a rule kept but switched off by its algorithm)
 * Words and phrases are whole words in Latin text and plain substrings in Chinese text.
 */
export const matchAlgorithms = ['any', 'all', 'exact', 'regex', 'fuzzy', 'none'] as const;
export type MatchAlgorithm = (typeof matchAlgorithms)[number];

/** A pattern and the way to look for it. Case-insensitive unless `caseSensitive` is true. */
export interface MatchRule {
  algorithm: MatchAlgorithm;
  pattern: string;
  caseSensitive?: boolean;
}

/** Whether a rule matched, with the snippet of the original text that made it match. */
export interface MatchResult {
  matched: boolean;
  /** The matched text as it appears in the document (for `all`: each word's snippet, joined by " … "). */
  evidence?: string;
  /** Offset of the match in the text (for `all`: where the last of the words is first seen). */
  index?: number;
  /** True when a regex ran out of its step budget before it could decide (then `matched` is false). */
  incomplete?: boolean;
}

/** Longest pattern any rule may have. */
export const MAX_PATTERN_CHARS = 2000;
/** Most words an any/all rule may list. */
export const MAX_RULE_WORDS = 200;
const MAX_EVIDENCE_CHARS = 200;

/** A rule checked and prepared once, to be run against many texts. */
export interface CompiledMatchRule {
  readonly rule: MatchRule;
  /** Runs the rule against a prepared text. */
  match(text: PreparedText): MatchResult;
}

function invalid(reason: ReasonKey, values: Record<string, string | number> = {}): never {
  throw new AppError('RULE_INVALID', { ...values, detail: reason });
}

function termOptions(rule: MatchRule): NormalizationOptions {
  return { compatibility: true, foldCase: rule.caseSensitive !== true, keepLineBreaks: false };
}

// A regex sees the characters as written (a user's [:：] must keep meaning two different colons),
// with whitespace tidied and line breaks kept for ^ and $.
const regexOptions: NormalizationOptions = { compatibility: false, foldCase: false, keepLineBreaks: true };

function clip(evidence: string): string {
  const flat = evidence.replace(/\s+/gu, ' ').trim();
  return flat.length > MAX_EVIDENCE_CHARS ? `${flat.slice(0, MAX_EVIDENCE_CHARS - 1)}…` : flat;
}

const noMatch: MatchResult = { matched: false };

function hit(text: PreparedText, options: NormalizationOptions, range: TextRange): MatchResult {
  const normalized = text.normalized(options);
  return { matched: true, evidence: clip(text.evidence(normalized, range.start, range.end)), index: normalized.origin[range.start] ?? 0 };
}

function compileWords(rule: MatchRule): string[] {
  const words = splitRuleWords(rule.pattern).map((word) => normalizePattern(word, termOptions(rule))).filter((w) => w.length > 0);
  if (words.length === 0) invalid('reason.rule.noWords');
  if (words.length > MAX_RULE_WORDS) invalid('reason.rule.tooManyWords', { limit: MAX_RULE_WORDS });
  return words;
}

/**
 * Checks a rule and prepares it for matching; throws RULE_INVALID (with the reason in `detail`)
 * for an empty pattern, an over-long one, or a regular expression that is invalid or unsafe.
 */
export function compileMatchRule(rule: MatchRule): CompiledMatchRule {
  if (rule.pattern.length > MAX_PATTERN_CHARS) invalid('reason.rule.patternTooLong', { limit: MAX_PATTERN_CHARS });
  const options = termOptions(rule);
  switch (rule.algorithm) {
    case 'none':
      return { rule, match: () => noMatch };
    case 'any': {
      const words = compileWords(rule);
      return {
        rule,
        match(text) {
          const haystack = text.normalized(options).text;
          let earliest: TextRange | null = null;
          for (const word of words) {
            const found = findTerm(haystack, word);
            if (found !== null && (earliest === null || found.start < earliest.start)) earliest = found;
          }
          return earliest === null ? noMatch : hit(text, options, earliest);
        },
      };
    }
    case 'all': {
      const words = compileWords(rule);
      return {
        rule,
        match(text) {
          const normalized = text.normalized(options);
          const found: TextRange[] = [];
          for (const word of words) {
            const range = findTerm(normalized.text, word);
            if (range === null) return noMatch;
            found.push(range);
          }
          found.sort((x, y) => x.start - y.start);
          const last = found[found.length - 1] as TextRange;
          return {
            matched: true,
            evidence: clip(found.map((r) => text.evidence(normalized, r.start, r.end)).join(' … ')),
            index: normalized.origin[last.start] ?? 0,
          };
        },
      };
    }
    case 'exact': {
      const phrase = normalizePattern(rule.pattern, options);
      if (phrase.length === 0) invalid('reason.rule.patternEmpty');
      return {
        rule,
        match(text) {
          const range = findTerm(text.normalized(options).text, phrase);
          return range === null ? noMatch : hit(text, options, range);
        },
      };
    }
    case 'fuzzy': {
      const target = normalizePattern(rule.pattern, options);
      if (target.length === 0) invalid('reason.rule.patternEmpty');
      return {
        rule,
        match(text) {
          const range = findFuzzy(text.normalized(options).text, target);
          return range === null ? noMatch : hit(text, options, range);
        },
      };
    }
    case 'regex': {
      const regex: LinearRegex = compileLinearRegex(rule.pattern, { ignoreCase: rule.caseSensitive !== true });
      return {
        rule,
        match(text) {
          const run = regex.exec(text.normalized(regexOptions).text);
          if (run.exhausted) return { matched: false, incomplete: true };
          return run.match === null ? noMatch : hit(text, regexOptions, run.match);
        },
      };
    }
  }
}

/** Checks a rule without running it; throws RULE_INVALID with the reason. */
export function validateMatchRule(rule: MatchRule): void {
  compileMatchRule(rule);
}

/**
 * Does `text` match `rule`? Evaluates at most the first MAX_RULE_TEXT_CHARS characters.
 * For many rules over one text, compile each rule once and share one PreparedText instead.
 */
export function matches(rule: MatchRule, text: string): MatchResult {
  return compileMatchRule(rule).match(new PreparedText(text));
}
