import { describe, expect, it } from 'vitest';
import { parsePdfDate, pdfDateToIso } from '../../../src-main/core/ingest/pdfDate.ts';
import { loadPdfjs } from '../../../src-main/core/ingest/pdfjsRuntime.ts';

// Real producers' forms, truncated forms, out-of-range parts, zones written every way, and non-dates.
const samples = [
  "D:20231105143000+08'00'", "D:20231105143000+08'00", 'D:20231105143000+0800', "D:20231105143000-05'30'", 'D:20231105143000Z',
  "D:20231105143000Z00'00'", 'D:20231105143000', 'D:202311051430', 'D:2023110514', 'D:20231105', 'D:202311', 'D:2023',
  'D:20231345256199', "D:20230230120000+24'61'", 'D:19991231235959-1200', "D:00010101000000+01'00'", 'D:0099',
  "D:20231105143000|08'00'", 'D:2023-11-05', 'D:20231105143000+8', '20231105143000', '2023-11-05T14:30:00Z', 'D:', 'D:abc', 'garbage', '',
];

describe('parsePdfDate', () => {
  it('reads every sample exactly as pdf.js PDFDateString.toDateObject does', async () => {
    const { lib } = await loadPdfjs();
    for (const sample of samples) {
      const ours = parsePdfDate(sample);
      const theirs = lib.PDFDateString.toDateObject(sample);
      expect({ sample, time: ours?.getTime() ?? null }).toEqual({ sample, time: theirs?.getTime() ?? null });
    }
  });

  it('gives ISO 8601 in UTC, falls back to JavaScript date strings and rejects the rest', () => {
    expect(pdfDateToIso("D:20231105143000+08'00'")).toBe('2023-11-05T06:30:00.000Z');
    expect(pdfDateToIso('2023-11-05T14:30:00Z')).toBe('2023-11-05T14:30:00.000Z');
    expect(pdfDateToIso('garbage')).toBeUndefined();
    expect(pdfDateToIso('')).toBeUndefined();
  });
});
