import { AppError } from '../../api/appError.ts';
import type { TextRange } from './termSearch.ts';
import type { ReasonKey } from '../../api/errorReasons.ts';

/**
 * Regular expressions for user-written rules, evaluated in time linear in the text.
 *
 * Why not `new RegExp(...).exec`: V8's engine backtracks, and not only nested quantifiers such as
 * `(a+)+` are dangerous. A plain `[\s\S]*x` is quadratic (measured: 0.3 s on 20 000 characters,
 * ~30 s on 200 000) and `a*a*x` cubic; no static check short of a full ambiguity analysis catches all
 * of these, and JavaScript cannot interrupt a running `exec`. There is no RE2 binding here, so this
 * module does what RE2 does, in small: the pattern is checked by V8 (syntax, with the `u` flag),
 * parsed into a tree, compiled to a Thompson NFA, and run by a Pike VM that advances every live
 * thread one character at a time. Cost is O(text length × program size) whatever the pattern.
 *
 * Refused at rule creation, with a reason: syntax errors; patterns over 1,000 characters;
 * backreferences and lookaround (not expressible in a linear-time automaton); nested quantifiers such
 * as `(a+)+` or `(\w+\s?)*` (harmless to this engine, but they are the classic catastrophic patterns,
 * they blow up the program when counted, and they never help a classification rule); counted
 * repetitions above 1,000; programs above 5,000 instructions; patterns that can match an empty
 * text, such as `a*` or `\b` (they would match every document).
 *
 * Semantics follow JavaScript's (leftmost match, greedy/lazy priorities; character classes, escapes
 * and case-insensitivity are decided by V8 itself, one character at a time), with two differences:
 * `^` and `$` match at line starts and ends (as with the `m` flag), because a rule looks at whole
 * pages where "the line starts with 合同编号" is what a user means; and where a repeated group can
 * match the empty string (`(?:b*|c)?`) JavaScript refuses an empty iteration and a Pike VM does
 * not, which can move the end of a match, never whether or where it starts (the tests compare
 * both engines on random patterns). A run is also capped at DEFAULT_REGEX_STEP_BUDGET steps.
 */

/** Longest regex source a rule may have. */
export const MAX_REGEX_PATTERN_CHARS = 1000;
const MAX_COUNTED_REPEAT = 1000;
const MAX_PROGRAM_SIZE = 5_000;

type AssertKind = 'lineStart' | 'lineEnd' | 'wordBoundary' | 'notWordBoundary';

type RegexNode =
  | { kind: 'empty' }
  | { kind: 'char'; test: number }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'alt'; options: RegexNode[] }
  | { kind: 'repeat'; node: RegexNode; min: number; max: number; greedy: boolean }
  | { kind: 'assert'; what: AssertKind };

/**
 * Steps (thread moves) one evaluation may take: about 50 per character of a 200,000-character
 * text. Linear is not enough on its own: `a{0,100}a{0,100}x` keeps 200 threads alive at every
 * character. A run that reaches the budget stops and reports `exhausted` instead of a match.
 */
export const DEFAULT_REGEX_STEP_BUDGET = 10_000_000;

/** The outcome of one evaluation. */
export interface RegexRun {
  /** The leftmost match (code-unit offsets in the text), or null. */
  match: TextRange | null;
  /** True when the step budget ran out before the answer was certain (then `match` is null). */
  exhausted: boolean;
}

/** A compiled, linear-time regular expression. */
export interface LinearRegex {
  readonly source: string;
  /** Finds the leftmost match in `text`, within `maxSteps` steps. */
  exec(text: string, maxSteps?: number): RegexRun;
}

function refuse(reason: ReasonKey, values: Record<string, string | number> = {}): never {
  throw new AppError('RULE_INVALID', { ...values, detail: reason });
}

/** A one-character predicate, with the regex source that defines it (for the start-of-match scanner). */
interface CharTest {
  source: string;
  accepts: (cp: number) => boolean;
}

/** A one-character predicate decided by V8's own regex engine, memoised per code point. */
function nativeCharTest(source: string, flags: string): CharTest {
  const re = new RegExp(`^(?:${source})$`, flags);
  const ascii = new Int8Array(128);
  const memo = new Map<number, boolean>();
  const accepts = (cp: number): boolean => {
    if (cp < 128) {
      const known = ascii[cp] ?? 0;
      if (known !== 0) return known > 0;
      const result = re.test(String.fromCharCode(cp));
      ascii[cp] = result ? 1 : -1;
      return result;
    }
    let result = memo.get(cp);
    if (result === undefined) {
      result = re.test(String.fromCodePoint(cp));
      memo.set(cp, result);
    }
    return result;
  };
  return { source, accepts };
}

const syntaxCharacters = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);

/** Recursive-descent parser for the `u`-mode syntax V8 has already accepted. */
class RegexParser {
  readonly tests: CharTest[] = [];
  #i = 0;
  readonly #src: string;
  readonly #flags: string;
  readonly #ignoreCase: boolean;

  constructor(src: string, ignoreCase: boolean) {
    this.#src = src;
    this.#ignoreCase = ignoreCase;
    this.#flags = ignoreCase ? 'iu' : 'u';
  }

  parse(): RegexNode {
    const node = this.#disjunction();
    if (this.#i < this.#src.length) refuse('reason.regex.unexpected', { character: this.#src[this.#i] ?? '', position: this.#i });
    return node;
  }

  #addTest(test: CharTest): RegexNode {
    this.tests.push(test);
    return { kind: 'char', test: this.tests.length - 1 };
  }

  #disjunction(): RegexNode {
    const options = [this.#alternative()];
    while (this.#src[this.#i] === '|') {
      this.#i += 1;
      options.push(this.#alternative());
    }
    return options.length === 1 ? (options[0] as RegexNode) : { kind: 'alt', options };
  }

  #alternative(): RegexNode {
    const items: RegexNode[] = [];
    while (this.#i < this.#src.length && this.#src[this.#i] !== '|' && this.#src[this.#i] !== ')') items.push(this.#term());
    if (items.length === 0) return { kind: 'empty' };
    return items.length === 1 ? (items[0] as RegexNode) : { kind: 'seq', items };
  }

  #term(): RegexNode {
    const src = this.#src;
    const c = src[this.#i];
    if (c === '^') {
      this.#i += 1;
      return { kind: 'assert', what: 'lineStart' };
    }
    if (c === '$') {
      this.#i += 1;
      return { kind: 'assert', what: 'lineEnd' };
    }
    if (c === '\\' && (src[this.#i + 1] === 'b' || src[this.#i + 1] === 'B')) {
      this.#i += 2;
      return { kind: 'assert', what: src[this.#i - 1] === 'b' ? 'wordBoundary' : 'notWordBoundary' };
    }
    const at = this.#i;
    const atom = this.#atom();
    return this.#quantified(atom, at);
  }

  #quantified(atom: RegexNode, at: number): RegexNode {
    const src = this.#src;
    const c = src[this.#i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.#i));
      if (!match) return refuse('reason.regex.malformedRepetition', { position: this.#i });
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] === '' || match[3] === undefined ? Infinity : Number(match[3]);
      if (min > MAX_COUNTED_REPEAT || (max !== Infinity && max > MAX_COUNTED_REPEAT)) {
        refuse('reason.regex.repeatTooLarge', { limit: MAX_COUNTED_REPEAT, position: this.#i });
      }
      this.#i += match[0].length - 1;
    } else return atom;
    this.#i += 1;
    let greedy = true;
    if (src[this.#i] === '?') {
      greedy = false;
      this.#i += 1;
    }
    if (max > 1 && containsRepetition(atom)) {
      refuse('reason.regex.nestedQuantifier', { position: at });
    }
    return { kind: 'repeat', node: atom, min, max, greedy };
  }

  #atom(): RegexNode {
    const src = this.#src;
    const c = src[this.#i];
    if (c === '(') return this.#group();
    if (c === '[') {
      let j = this.#i + 1;
      if (src[j] === '^') j += 1;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      const source = src.slice(this.#i, j + 1);
      this.#i = j + 1;
      return this.#addTest(nativeCharTest(source, this.#flags));
    }
    if (c === '.') {
      this.#i += 1;
      return this.#addTest(nativeCharTest('.', this.#flags));
    }
    if (c === '\\') return this.#escape();
    const cp = src.codePointAt(this.#i) ?? 0;
    const literal = String.fromCodePoint(cp);
    this.#i += literal.length;
    const source = syntaxCharacters.has(literal) ? `\\${literal}` : literal;
    if (!this.#ignoreCase) return this.#addTest({ source, accepts: (x) => x === cp });
    return this.#addTest(nativeCharTest(source, this.#flags));
  }

  #group(): RegexNode {
    const src = this.#src;
    const at = this.#i;
    if (src.startsWith('(?=', at) || src.startsWith('(?!', at) || src.startsWith('(?<=', at) || src.startsWith('(?<!', at)) {
      refuse('reason.regex.lookaround', { position: at });
    }
    if (src.startsWith('(?:', at)) this.#i += 3;
    else if (src.startsWith('(?<', at)) this.#i = src.indexOf('>', at) + 1;
    else if (src.startsWith('(?', at)) refuse('reason.regex.groupModifier', { position: at });
    else this.#i += 1;
    const inner = this.#disjunction();
    if (src[this.#i] !== ')') refuse('reason.regex.unterminatedGroup', { position: at });
    this.#i += 1;
    return inner;
  }

  #escape(): RegexNode {
    const src = this.#src;
    const at = this.#i;
    const next = src[at + 1] ?? '';
    if (/[1-9]/.test(next) || next === 'k') refuse('reason.regex.backreference', { position: at });
    let end = at + 2;
    if (next === 'p' || next === 'P') end = src.indexOf('}', at) + 1;
    else if (next === 'x') end = at + 4;
    else if (next === 'c') end = at + 3;
    else if (next === 'u') {
      if (src[at + 2] === '{') end = src.indexOf('}', at) + 1;
      else {
        end = at + 6;
        // V8 reads an escaped surrogate pair as one code point in u-mode; so must we.
        const lead = parseInt(src.slice(at + 2, at + 6), 16);
        const trail = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(src.slice(end));
        if (lead >= 0xd800 && lead <= 0xdbff && trail) end += 6;
      }
    }
    this.#i = end;
    return this.#addTest(nativeCharTest(src.slice(at, end), this.#flags));
  }
}

/** True when the node can match without consuming a character (assertions consume none). */
function isNullable(node: RegexNode): boolean {
  switch (node.kind) {
    case 'char':
      return false;
    case 'seq':
      return node.items.every(isNullable);
    case 'alt':
      return node.options.some(isNullable);
    case 'repeat':
      return node.min === 0 || isNullable(node.node);
    default:
      return true;
  }
}

function containsRepetition(node: RegexNode): boolean {
  switch (node.kind) {
    case 'repeat':
      return node.max > 1 || containsRepetition(node.node);
    case 'seq':
      return node.items.some(containsRepetition);
    case 'alt':
      return node.options.some(containsRepetition);
    default:
      return false;
  }
}

const OP_CHAR = 0;
const OP_SPLIT = 1;
const OP_JMP = 2;
const OP_ASSERT = 3;
const OP_MATCH = 4;

const assertCodes: Record<AssertKind, number> = { lineStart: 0, lineEnd: 1, wordBoundary: 2, notWordBoundary: 3 };

/** Thompson construction: the tree becomes a flat program of CHAR / SPLIT / JMP / ASSERT / MATCH. */
class ProgramBuilder {
  readonly op: number[] = [];
  readonly a: number[] = [];
  readonly b: number[] = [];

  emit(op: number, a = 0, b = 0): number {
    if (this.op.length >= MAX_PROGRAM_SIZE) refuse('reason.regex.tooComplex');
    this.op.push(op);
    this.a.push(a);
    this.b.push(b);
    return this.op.length - 1;
  }

  compile(node: RegexNode): void {
    switch (node.kind) {
      case 'empty':
        return;
      case 'char':
        this.emit(OP_CHAR, node.test);
        return;
      case 'assert':
        this.emit(OP_ASSERT, assertCodes[node.what]);
        return;
      case 'seq':
        for (const item of node.items) this.compile(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.options.forEach((option, index) => {
          if (index === node.options.length - 1) {
            this.compile(option);
            return;
          }
          const split = this.emit(OP_SPLIT);
          this.a[split] = this.op.length;
          this.compile(option);
          jumps.push(this.emit(OP_JMP));
          this.b[split] = this.op.length;
        });
        for (const jump of jumps) this.a[jump] = this.op.length;
        return;
      }
      case 'repeat': {
        for (let k = 0; k < node.min; k += 1) this.compile(node.node);
        if (node.max === Infinity) {
          const split = this.emit(OP_SPLIT);
          const body = this.op.length;
          this.compile(node.node);
          this.emit(OP_JMP, split);
          this.#setSplit(split, body, this.op.length, node.greedy);
          return;
        }
        const splits: number[] = [];
        for (let k = node.min; k < node.max; k += 1) {
          const split = this.emit(OP_SPLIT);
          splits.push(split);
          this.a[split] = this.op.length;
          this.compile(node.node);
        }
        for (const split of splits) this.#setSplit(split, this.a[split] ?? 0, this.op.length, node.greedy);
        return;
      }
    }
  }

  #setSplit(split: number, body: number, out: number, greedy: boolean): void {
    this.a[split] = greedy ? body : out;
    this.b[split] = greedy ? out : body;
  }
}

function isLineTerminator(unit: number): boolean {
  return unit === 0x0a || unit === 0x0d || unit === 0x2028 || unit === 0x2029;
}

function isAsciiWord(unit: number): boolean {
  return (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a) || unit === 0x5f;
}

/** Runs a compiled program over a text: a Pike VM with threads kept in priority order. */
class PikeVm implements LinearRegex {
  readonly source: string;
  readonly #op: Int32Array;
  readonly #a: Int32Array;
  readonly #b: Int32Array;
  readonly #tests: CharTest[];
  /**
   * Finds the next character a match can begin with. It is a native regex, but a safe one: an
   * alternation of single-character atoms without quantifiers costs O(atoms) per position.
   */
  readonly #startScanner: RegExp;

  constructor(source: string, program: ProgramBuilder, tests: CharTest[], flags: string) {
    this.source = source;
    this.#op = Int32Array.from(program.op);
    this.#a = Int32Array.from(program.a);
    this.#b = Int32Array.from(program.b);
    this.#tests = tests;
    const starts = [...new Set(this.#reachableTests().map((t) => tests[t]?.source ?? '[]'))];
    this.#startScanner = new RegExp(starts.join('|'), `${flags}g`);
  }

  #reachableTests(): number[] {
    const found = new Set<number>();
    const seen = new Set<number>();
    const pending = [0];
    while (pending.length > 0) {
      const pc = pending.pop() ?? 0;
      if (seen.has(pc)) continue;
      seen.add(pc);
      const code = this.#op[pc];
      if (code === OP_CHAR) found.add(this.#a[pc] ?? 0);
      else if (code === OP_JMP) pending.push(this.#a[pc] ?? 0);
      else if (code === OP_SPLIT) pending.push(this.#a[pc] ?? 0, this.#b[pc] ?? 0);
      else if (code === OP_ASSERT) pending.push(pc + 1);
    }
    return [...found];
  }

  exec(text: string, maxSteps = DEFAULT_REGEX_STEP_BUDGET): RegexRun {
    const op = this.#op;
    const size = op.length;
    const a = this.#a;
    const b = this.#b;
    const tests = this.#tests;
    const scanner = this.#startScanner;
    const n = text.length;
    // Each list holds at most one thread per instruction: that bound is what makes the run linear.
    let currentPc = new Int32Array(size);
    let currentStart = new Int32Array(size);
    let nextPc = new Int32Array(size);
    let nextStart = new Int32Array(size);
    let currentCount = 0;
    let nextCount = 0;
    const visited = new Int32Array(size);
    const stack = new Int32Array(size * 2 + 2);
    let stamp = 1;
    let steps = 0;

    // Follows SPLIT/JMP/ASSERT from `pc0` at position `pos`, appending CHAR/MATCH threads in priority order.
    const add = (toNext: boolean, pc0: number, pos: number, start: number): void => {
      let top = 0;
      stack[top++] = pc0;
      while (top > 0) {
        const pc = stack[--top] ?? 0;
        if (visited[pc] === stamp) continue;
        visited[pc] = stamp;
        steps += 1;
        const code = op[pc];
        if (code === OP_JMP) stack[top++] = a[pc] ?? 0;
        else if (code === OP_SPLIT) {
          stack[top++] = b[pc] ?? 0;
          stack[top++] = a[pc] ?? 0;
        } else if (code === OP_ASSERT) {
          if (assertionHolds(text, a[pc] ?? 0, pos)) stack[top++] = pc + 1;
        } else if (toNext) {
          nextPc[nextCount] = pc;
          nextStart[nextCount++] = start;
        } else {
          currentPc[currentCount] = pc;
          currentStart[currentCount++] = start;
        }
      }
    };

    let matchStart = -1;
    let matchEnd = -1;
    let i = 0;
    let finished = false;
    while (steps <= maxSteps) {
      if (matchStart < 0) {
        if (currentCount === 0) {
          // Nothing alive: jump to the next character a match could begin with.
          scanner.lastIndex = i;
          const next = scanner.exec(text);
          if (next === null) {
            finished = true;
            break;
          }
          i = next.index;
          steps += 1;
          stamp += 1;
        }
        // A thread starting here has the lowest priority: leftmost matches win, as in JavaScript.
        add(false, 0, i, i);
      }
      if (currentCount === 0) {
        if (matchStart >= 0 || i >= n) {
          finished = true;
          break;
        }
        // The candidate start failed an assertion (such as ^): scan on from the next character.
        i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
        continue;
      }
      const cp = i < n ? (text.codePointAt(i) ?? -1) : -1;
      const width = cp > 0xffff ? 2 : 1;
      stamp += 1;
      for (let t = 0; t < currentCount; t += 1) {
        const pc = currentPc[t] ?? 0;
        steps += 1;
        if (op[pc] === OP_MATCH) {
          matchStart = currentStart[t] ?? 0;
          matchEnd = i;
          break; // threads after this one have lower priority than the match just found
        }
        if (cp >= 0 && (tests[a[pc] ?? 0] as CharTest).accepts(cp)) add(true, pc + 1, i + width, currentStart[t] ?? 0);
      }
      if (i >= n) {
        finished = true;
        break;
      }
      const swapPc = currentPc;
      currentPc = nextPc;
      nextPc = swapPc;
      const swapStart = currentStart;
      currentStart = nextStart;
      nextStart = swapStart;
      currentCount = nextCount;
      nextCount = 0;
      i += width;
    }
    // Stopped by the budget: even a match found so far is uncertain while higher-priority threads live.
    if (!finished) return { match: null, exhausted: true };
    return { match: matchStart < 0 ? null : { start: matchStart, end: matchEnd }, exhausted: false };
  }
}

function assertionHolds(text: string, kind: number, pos: number): boolean {
  const before = pos > 0 ? text.charCodeAt(pos - 1) : -1;
  const after = pos < text.length ? text.charCodeAt(pos) : -1;
  switch (kind) {
    case 0:
      return before === -1 || isLineTerminator(before);
    case 1:
      return after === -1 || isLineTerminator(after);
    case 2:
      return isAsciiWord(before) !== isAsciiWord(after);
    default:
      return isAsciiWord(before) === isAsciiWord(after);
  }
}

/**
 * Checks and compiles a rule's regular expression (throws RULE_INVALID with the reason).
 * The result is safe to run on any text: its cost grows linearly with the text.
 */
export function compileLinearRegex(source: string, options: { ignoreCase: boolean }): LinearRegex {
  if (source.length === 0) refuse('reason.regex.empty');
  if (source.length > MAX_REGEX_PATTERN_CHARS) refuse('reason.regex.tooLong', { limit: MAX_REGEX_PATTERN_CHARS });
  try {
    // V8 is the authority on syntax; with `u` the grammar is strict and free of legacy ambiguities.
    new RegExp(source, options.ignoreCase ? 'iu' : 'u');
  } catch (error) {
    refuse('reason.regex.syntax', { message: error instanceof Error ? error.message : String(error) });
  }
  const parser = new RegexParser(source, options.ignoreCase);
  const tree = parser.parse();
  if (isNullable(tree)) refuse('reason.regex.matchesEmpty');
  const program = new ProgramBuilder();
  program.compile(tree);
  program.emit(OP_MATCH);
  return new PikeVm(source, program, parser.tests, options.ignoreCase ? 'iu' : 'u');
}
