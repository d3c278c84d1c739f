/**
 * Version-compare benchmark (run: `npm run bench:compare`). What the compare tab costs on the page's main
 * thread for contract-sized texts: `compareTexts` (src-shared/rules/compare: our tokeniser, words for English and
 * characters for Chinese, then jsdiff's `diffArrays`, pieces and difference numbering) on a long English and a
 * long Chinese document (generated contracts joined, tests/fixtures/contractTexts) against a copy with about one
 * edit per 150 tokens (seeded). Baseline, same run, same texts: jsdiff's own `diffWords` (English) and
 * `diffChars` (Chinese), which do no difference numbering and cannot mix the two granularities. Also: how
 * long `compareTexts` takes to give up on two unrelated documents (its limits). Median of 5 runs after a warm-up.
 */
import { performance } from 'node:perf_hooks';
import { diffChars, diffWords } from 'diff';
import { compareTexts } from '../../src-shared/rules/compare/textComparison.ts';
import { tokenizeForDiff } from '../../src-shared/rules/compare/diffTokens.ts';
import { generateContracts } from '../fixtures/contractTexts/generateContracts.ts';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A copy with roughly one token in `every` replaced, removed or doubled. */
function edit(text: string, every: number, seed: number): string {
  const random = seeded(seed);
  return tokenizeForDiff(text).map((token) => {
    if (/^\s+$/u.test(token) || random() * every >= 1) return token;
    const roll = random();
    return roll < 0.4 ? `${token}X` : roll < 0.7 ? '' : `${token} ${token}`;
  }).join('');
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(run: () => unknown, repeats = 5): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const contracts = generateContracts(160, 7);
const english = contracts.filter((c) => c.language === 'en').map((c) => c.pages.join('\n\n')).join('\n\n');
const chinese = contracts.filter((c) => c.language === 'zh').map((c) => c.pages.join('\n\n')).join('\n\n');

console.log('compare benchmark (median of 5, ms; lower is better)');
for (const [label, text, baselineName, baseline] of [
  ['English', english, 'jsdiff diffWords', diffWords],
  ['Chinese', chinese, 'jsdiff diffChars', diffChars],
] as const) {
  const changed = edit(text, 150, 42);
  const result = compareTexts(text, changed);
  const ours = time(() => compareTexts(text, changed));
  const theirs = time(() => baseline(text, changed));
  console.log(`${label}: ${text.length.toLocaleString('en')} chars, ${tokenizeForDiff(text).length.toLocaleString('en')} tokens, ${result.hunkCount} differences${result.tooDifferent ? ' (gave up)' : ''}`);
  console.log(`  compareTexts      ${ours.toFixed(1)} ms`);
  console.log(`  baseline ${baselineName.padEnd(17)} ${theirs.toFixed(1)} ms`);
}
const unrelated = time(() => compareTexts(english.slice(0, 60_000), chinese.slice(0, 60_000)), 3);
console.log(`unrelated texts (60,000 chars each): compareTexts gives up after ${unrelated.toFixed(1)} ms (limits: 1 s, 4,000 token edits)`);
