import { describe, expect, it } from 'vitest';
import {
  ignoreRules,
  ignoredNameRule,
  isIgnoredName,
  isIgnoredRelativePath,
} from '../../../../src-main/core/ingest/watch/ignoredFiles.ts';

/** Real names each rule exists for (what the tools actually write). */
const examples: ReadonlyArray<[name: string, ruleId: string]> = [
  ['.DS_Store', 'hidden'],
  ['.dropbox.cache', 'hidden'],
  ['.tmp.drivedownload', 'hidden'],
  ['.sync', 'hidden'],
  ['.stversions', 'hidden'],
  ['.nfs000000000123abcd00000001', 'hidden'],
  ['~$ACME Sales Contract.docx', 'office-owner-file'],
  ['~$合同.xlsx', 'office-owner-file'],
  ['.~lock.contract.odt#', 'hidden'],
  ['~WRL0001.tmp', 'temp-extension'],
  ['lu12345abc.TMP', 'temp-extension'],
  ['upload.temp', 'temp-extension'],
  ['Cedd4100', 'excel-safe-save'],
  ['4CCA4100', 'excel-safe-save'],
  ['Backup of Lease.wbk', 'word-backup'],
  ['contract.pdf.crdownload', 'browser-partial-download'],
  ['contract.pdf.part', 'browser-partial-download'],
  ['contract.pdf.partial', 'browser-partial-download'],
  ['contract.pdf.download', 'browser-partial-download'],
  ['contract.pdf.filepart', 'transfer-partial'],
  ['contract.pdf.!Sync', 'resilio-partial'],
  ['contract.pdf.bts', 'resilio-partial'],
  ['contract.pdf.SyncPart', 'resilio-partial'],
  ['~syncthing~contract.pdf.tmp', 'temp-extension'],
  ['~syncthing~contract.pdf', 'syncthing-temp'],
  ['contract.pdf.~5f3a', 'nextcloud-temp'],
  ['contract.pdf.icloud', 'icloud-placeholder'],
  ['contract.pdf.nextcloud', 'virtual-file-placeholder'],
  ['Budget.gsheet', 'google-docs-pointer'],
  ['Proposal.gdoc', 'google-docs-pointer'],
  ['contract.pdf.ffs_tmp', 'freefilesync-temp'],
  ['sync.ffs_db', 'freefilesync-temp'],
  ['desktop.ini', 'windows-explorer-metadata'],
  ['Thumbs.db', 'windows-explorer-metadata'],
  ['$RECYCLE.BIN', 'windows-system-folder'],
  ['System Volume Information', 'windows-system-folder'],
  ['Icon\r', 'macos-metadata'],
  ['notes.txt~', 'editor-backup'],
  ['#notes.txt#', 'editor-backup'],
  ['contract.pdf:Zone.Identifier', 'wsl-zone-identifier'],
];

describe('ignoreRules', () => {
  it.each(examples)('never imports %j (%s)', (name, ruleId) => {
    expect(ignoredNameRule(name)?.id).toBe(ruleId);
  });

  it('has a real-world example for every rule, and a reason for each', () => {
    const matchingAny = new Set(
      ignoreRules.filter((rule) => examples.some(([name]) => rule.pattern.test(name))).map((rule) => rule.id),
    );
    expect([...matchingAny].sort()).toEqual(ignoreRules.map((rule) => rule.id).sort());
    for (const rule of ignoreRules) expect(rule.why.length).toBeGreaterThan(20);
  });

  it.each([
    'ACME Sales Contract 2024.pdf',
    '合同-甲方乙方.docx',
    'Lease v2.final.xlsx',
    'ACME (conflicted copy 2024-01-02).pdf',
    'Scan 12345678.pdf',
    '12345678.pdf',
    'draft~1.docx',
    'Q3 tmp plan.pdf',
    'partner.pdf',
    'Syncthing notes.md',
  ])('imports an ordinary name: %j', (name) => {
    expect(isIgnoredName(name)).toBe(false);
  });
});

describe('isIgnoredRelativePath', () => {
  it('excludes everything below an ignored folder, and only looks below the watched root', () => {
    expect(isIgnoredRelativePath('.sync/Archive/contract.pdf')).toBe(true);
    expect(isIgnoredRelativePath('Clients/.git/objects/ab')).toBe(true);
    expect(isIgnoredRelativePath('Clients/ACME/~$Lease.docx')).toBe(true);
    expect(isIgnoredRelativePath('Clients/ACME/Lease.docx')).toBe(false);
    expect(isIgnoredRelativePath('Clients/report.pdf.download/data')).toBe(true);
  });
});
