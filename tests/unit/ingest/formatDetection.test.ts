import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/api/appError.ts';
import {
  decodeText,
  fileExtension,
  hasPdfSignature,
  selectExtractor,
} from '../../../src-main/core/ingest/formatDetection.ts';
import { defaultExtractors } from '../../../src-main/core/ingest/extractorRegistry.ts';
import { readCorpusPdf } from './corpus.ts';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('fileExtension', () => {
  it('lower-cases, ignores directories and hidden-file dots', () => {
    expect(fileExtension('C:\\Contracts\\ACME.PDF')).toBe('pdf');
    expect(fileExtension('/tmp/notes.v2.markdown')).toBe('markdown');
    expect(fileExtension('.txt')).toBe('');
    expect(fileExtension('README')).toBe('');
  });
});

describe('hasPdfSignature', () => {
  it('finds %PDF- after leading junk within the first KiB, not after it', () => {
    const junk = (n: number): Uint8Array => new Uint8Array([...new Uint8Array(n).fill(0x20), ...ascii('%PDF-1.7')]);
    expect(hasPdfSignature(junk(0))).toBe(true);
    expect(hasPdfSignature(junk(1016))).toBe(true);
    expect(hasPdfSignature(junk(1020))).toBe(false);
    expect(hasPdfSignature(ascii('%PDF'))).toBe(false);
  });
});

describe('decodeText', () => {
  it('strips a UTF-8 BOM and reads UTF-16 with a BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...ascii('hi')]))).toBe('hi');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x32, 0x75, 0x0c, 0x54]))).toBe('甲同');
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0x75, 0x32]))).toBe('甲');
  });

  it('rejects invalid UTF-8 and NUL bytes, and tolerates a character cut at the end only when asked', () => {
    expect(decodeText(new Uint8Array([0x61, 0xff, 0x62]))).toBeNull();
    expect(decodeText(new Uint8Array([0x61, 0x00, 0x62]))).toBeNull();
    const cut = new TextEncoder().encode('合同').subarray(0, 4);
    expect(decodeText(cut)).toBeNull();
    expect(decodeText(cut, true)).toBe('合');
  });
});

describe('selectExtractor', () => {
  it('trusts the signature over the name: a PDF saved as .txt is read as a PDF', () => {
    expect(selectExtractor('contract.txt', readCorpusPdf('tracemonkey.pdf'), defaultExtractors).format).toBe('pdf');
  });

  it('picks plain text by extension only when the bytes are text', () => {
    expect(selectExtractor('notes.md', ascii('# Terms'), defaultExtractors).format).toBe('text');
    const binary = refusal(() => selectExtractor('notes.txt', new Uint8Array([0x4d, 0x5a, 0x90, 0x00]), defaultExtractors));
    expect(binary.code).toBe('UNSUPPORTED_FORMAT');
    expect(binary.params).toEqual({ format: 'txt' });
  });

  it('refuses a .pdf that is not a PDF as unreadable, and other formats as unsupported', () => {
    const fake = refusal(() => selectExtractor('contract.pdf', ascii('<html>not a pdf</html>'), defaultExtractors));
    expect(fake.code).toBe('PDF_UNREADABLE');
    expect(fake.params).toEqual({ file: 'contract.pdf' });
    expect(refusal(() => selectExtractor('x', ascii('hello'), defaultExtractors)).params).toEqual({ format: 'unknown' });
  });
});
