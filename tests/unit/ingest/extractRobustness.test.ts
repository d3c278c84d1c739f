import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pdfCorpusDir, repoRoot } from './corpus.ts';
import type { SampleOutcome } from './corpusSampleRunner.ts';

const run = promisify(execFile);

// Every 15th file of the sorted corpus (40 files), plus the known-hostile ones: a page count of
// 213 million, a fuzzed file without a Root, a header-less file, a password-protected file.
function corpusSample(): string[] {
  const all = readdirSync(pdfCorpusDir).filter((f) => f.endsWith('.pdf')).sort();
  const sample = all.filter((_file, index) => index % 15 === 0);
  const hostile = ['poppler-85140-0.pdf', 'REDHAT-1531897-0.pdf', 'bug1606566.pdf', 'saslprep-r6.pdf'];
  return [...new Set([...sample, ...hostile])];
}

describe('extractText over a corpus sample', () => {
  it('returns text or a translated refusal for every file, and prints nothing', async () => {
    const files = corpusSample();
    expect(files.length).toBeGreaterThanOrEqual(40);
    // A separate Node process with the real console: the only way to see what pdf.js would print
    // into our CLI's stdout (vitest intercepts console output inside its own workers).
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', path.join('tests', 'unit', 'ingest', 'corpusSampleRunner.ts'), ...files],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024, timeout: 50_000 },
    );
    expect(stderr).toBe('');
    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] ?? '') as { outcomes: SampleOutcome[]; lateFailures: string[] };
    expect(report.lateFailures).toEqual([]);
    expect(report.outcomes.map((o) => o.file)).toEqual(files);
    expect(report.outcomes.filter((o) => o.outcome === 'crashed')).toEqual([]);
    for (const outcome of report.outcomes) {
      if (outcome.outcome === 'refused') expect(['PDF_UNREADABLE', 'PDF_ENCRYPTED']).toContain(outcome.code);
      if (outcome.outcome === 'ok') expect(outcome.pages).toBeGreaterThan(0);
    }
    // The sample must exercise both paths, or it proves nothing.
    expect(report.outcomes.filter((o) => o.outcome === 'ok').length).toBeGreaterThan(30);
    expect(report.outcomes.filter((o) => o.outcome === 'refused').length).toBeGreaterThanOrEqual(3);
  });
});
