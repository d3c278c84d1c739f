import { describe, expect, it } from 'vitest';
import { dropImportOf, nameOfPath, pathsOfImportChoice } from '../../../src-renderer/features/import/desktopDrop.ts';

describe('how a drop becomes an import request', () => {
  const a = { name: 'a.pdf' };
  const b = { name: 'contracts' };
  const paths = new Map<object, string>([[a, '/Users/ann/a.pdf'], [b, '/Users/ann/contracts']]);

  it('goes by bytes in a browser (no preload) and for an empty drop', () => {
    expect(dropImportOf([a], undefined)).toEqual({ kind: 'bytes' });
    expect(dropImportOf([], (f) => paths.get(f) ?? '')).toEqual({ kind: 'bytes' });
  });

  it('goes by path in Electron, files and folders alike, each path once', () => {
    expect(dropImportOf([a, b, a], (f) => paths.get(f) ?? '')).toEqual({ kind: 'paths', paths: ['/Users/ann/a.pdf', '/Users/ann/contracts'] });
  });

  it('falls back to bytes when any item has no path on disk or the preload throws', () => {
    expect(dropImportOf([a, { name: 'from-memory.pdf' }], (f) => paths.get(f) ?? '')).toEqual({ kind: 'bytes' });
    expect(dropImportOf([a], () => { throw new Error('not a File'); })).toEqual({ kind: 'bytes' });
  });

  it('names a queued path by its last segment', () => {
    expect(nameOfPath('/Users/ann/合同/a.pdf')).toBe('a.pdf');
    expect(nameOfPath('C:\\Users\\ann\\contracts\\')).toBe('contracts');
    expect(nameOfPath('/')).toBe('/');
  });
});

describe('the menu’s Import', () => {
  it('reads the chosen files of the shell’s import dialog; nothing when cancelled or refused', () => {
    expect(pathsOfImportChoice({ ok: true, value: { paths: ['/a.pdf', '', 3, '/b.docx'] } })).toEqual(['/a.pdf', '/b.docx']);
    expect(pathsOfImportChoice({ ok: true, value: { paths: [] } })).toEqual([]);
    expect(pathsOfImportChoice({ ok: false, error: { code: 'INTERNAL', message: 'x', params: {} } })).toEqual([]);
    expect(pathsOfImportChoice(null)).toEqual([]);
  });

});
