import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errnoReason } from '../../src-shared/api/errorReasons.ts';
import { catalogue, translate } from '../../src-shared/i18n/translate.ts';
import { manyEntriesDocx, zipBombDocx } from '../fixtures/office/hostileOffice.ts';
import { createTestVault, expectError } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;
const hasLatinWord = (text: string, except: readonly string[]) =>
  text.split(/[^A-Za-z]+/).some((word) => word.length > 2 && !except.includes(word));

async function sourceText(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile() && /\.tsx?$/.test(e.name)).map((e) => join(e.parentPath, e.name));
  return (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
}

describe('translated error reasons', () => {
  let vault: Vault | undefined;
  afterEach(async () => { await vault?.cleanup(); vault = undefined; });

  it('renders a reason given as detail in the reader\'s language, and only the detail parameter', () => {
    expect(translate('zh-CN', 'error.FILE_UNREADABLE', { file: 'a.pdf', detail: errnoReason('ENOENT') })).toBe('无法读取文件 a.pdf：文件或文件夹不存在');
    expect(translate('en', 'error.FILE_UNREADABLE', { file: 'a.pdf', detail: errnoReason('EACCES') })).toBe('Cannot read the file a.pdf: access was denied');
    // An unknown code is shown as it is; a file named like a key is never looked up.
    expect(translate('en', 'error.FILE_UNREADABLE', { file: 'reason.notFolder', detail: errnoReason('EWEIRD') })).toBe('Cannot read the file reason.notFolder: EWEIRD');
    // A reason's own values fill in, but a reason is not expanded twice.
    expect(translate('zh-CN', 'error.ARCHIVE_LIMIT_EXCEEDED', { file: 'm.eml', detail: 'reason.email.tooManyAttachments', limit: 100 })).toContain('附件超过 100 个');
  });

  it('every reason key is used by the code, in both catalogues', async () => {
    const code = (await sourceText('src-main')) + (await sourceText('src-shared/api')) + (await sourceText('src-shared/rules'));
    const reasons = Object.keys(catalogue('en')).filter((k) => k.startsWith('reason.') && !k.startsWith('reason.errno.'));
    expect(reasons.length).toBeGreaterThan(20);
    expect(reasons.filter((k) => !code.includes(`'${k}'`))).toEqual([]);
    expect(Object.keys(catalogue('zh-CN')).filter((k) => k.startsWith('reason.')).sort()).toEqual(Object.keys(catalogue('en')).filter((k) => k.startsWith('reason.')).sort());
  });

  it('every reason has the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const en = catalogue('en');
    const zh = catalogue('zh-CN');
    for (const key of Object.keys(en).filter((k) => k.startsWith('reason.')) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('an import refused in a Chinese session says why in Chinese', async () => {
    vault = await createTestVault('zh-CN');
    const bomb = await vault.writeInput('bomb.docx', await zipBombDocx(300));
    const many = await vault.writeInput('many.docx', await manyEntriesDocx(5000));
    const missing = join(vault.root, 'missing.pdf');
    const outcomes = await vault.call('contracts.import', { paths: [bomb, many, missing] });
    const messages = outcomes.map((o) => (o.status === 'failed' ? o.error.message : o.status));
    expect(messages[0]).toMatch(/^文件 bomb\.docx 被拒绝：条目 "word\/media\/zeros\.bin" 的压缩比为 \d+:1（上限 200:1）（/);
    expect(messages[1]).toContain('包内有 5000 个条目（上限 2000）');
    expect(messages[2]).toMatch(/^找不到文件：/);
    for (const message of messages) expect(hasLatinWord(message.replace(missing, ''), ['bomb', 'docx', 'many', 'missing', 'pdf', 'word', 'media', 'zeros', 'bin'])).toBe(false);
  });

  it('a naming template or number pattern refused in a Chinese session says why in Chinese', async () => {
    vault = await createTestVault('zh-CN');
    const template = expectError(await vault.backend.invoke('settings.update', { namingTemplate: '{customer}-{kunde}' }), 'RULE_INVALID');
    expect(template.message).toContain('命名模板：未知的占位符 {kunde}（可用：{customer}');
    const pattern = expectError(await vault.backend.invoke('settings.update', { contractNumberPattern: 'HT-{MM}-{seq:4}' }), 'RULE_INVALID');
    expect(pattern.message).toContain('合同编号规则：{MM} 还需要 {yyyy} 或 {yy}，否则编号每年都会重复');
  });

  it('invalid input is described in the session\'s language', async () => {
    vault = await createTestVault('zh-CN');
    const error = expectError(await vault.backend.invoke('customers.add', { name: 42 }), 'INVALID_INPUT');
    expect(error.message).toMatch(/^输入无效：name: .*(无效|期望)/);
    const english = await createTestVault('en');
    try {
      expect(expectError(await english.backend.invoke('customers.add', { name: 42 }), 'INVALID_INPUT').message).toMatch(/^Invalid input: name: .*expected string/i);
    } finally {
      await english.cleanup();
    }
  });
});
