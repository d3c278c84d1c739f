import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src-shared/i18n/translate.ts';
import { findHardCodedStrings, findUiKeys } from './visibleStringScan.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const rendererDir = join(repoRoot, 'src-renderer');

async function rendererSources(): Promise<Array<{ file: string; source: string }>> {
  const entries = await readdir(rendererDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/u.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (file) => ({ file: relative(repoRoot, file), source: await readFile(file, 'utf8') })));
}

const uiKeys = (locale: 'en' | 'zh-CN') => Object.keys(catalogue(locale)).filter((key) => key.startsWith('ui.')).sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();

describe('renderer i18n', () => {
  it('the scanner finds every kind of hard-coded visible string and nothing else', () => {
    const bad = [
      'export const A = () => <div title="Hello">Save <b>now</b></div>;',
      'export const B = () => <input placeholder={\'Search\'} aria-label="Find" />;',
      'export const C = () => <img alt="Logo" />;',
      "export const D = () => <p>{'Shown'}</p>;",
      "export const columns = [{ title: 'Name', dataIndex: 'name' }, { label: '合同' }];",
    ].join('\n');
    const found = findHardCodedStrings('bad.tsx', bad).map((f) => `${f.kind}:${f.text}`);
    expect(found).toEqual([
      'jsx-attribute:Hello', 'jsx-text:Save', 'jsx-text:now',
      'jsx-attribute:Search', 'jsx-attribute:Find',
      'jsx-attribute:Logo',
      'jsx-expression:Shown',
      'object-property:Name', 'object-property:合同',
    ]);
    const good = [
      "// <p>Save</p> in a comment is not shown",
      "import { t } from './t.ts';",
      'export const A = () => <div className="page-title" data-testid="x" title={t(\'ui.a\')}>{t(\'ui.b\')} · {1}</div>;',
      "export const columns = [{ title: t('ui.c'), dataIndex: 'name', key: 'name', align: 'right' }];",
      "type Props = { title: 'literal-type' };",
      "const labels = { title: 'ui.search.field.title' };",
    ].join('\n');
    expect(findHardCodedStrings('good.tsx', good)).toEqual([]);
  });

  it('no JSX text, string literal visible attribute or visible property in src-renderer: every visible string comes from the catalogues', async () => {
    const sources = await rendererSources();
    expect(sources.filter((s) => s.file.endsWith('.tsx')).length).toBeGreaterThan(10);
    const found = sources.flatMap(({ file, source }) => findHardCodedStrings(file, source));
    expect(found.map((f) => `${f.file}:${f.line} ${f.kind} "${f.text}"`)).toEqual([]);
  });

  it('every ui.* key the renderer uses exists in both languages, and every ui.* key in the catalogues is used', async () => {
    const used = new Set((await rendererSources()).flatMap(({ file, source }) => findUiKeys(file, source)));
    expect(used.size).toBeGreaterThan(50);
    const en = new Set(uiKeys('en'));
    const zh = new Set(uiKeys('zh-CN'));
    expect([...used].filter((key) => !en.has(key)), 'missing in en.ts').toEqual([]);
    expect([...used].filter((key) => !zh.has(key)), 'missing in zhCN.ts').toEqual([]);
    expect([...en].filter((key) => !used.has(key)), 'unused ui.* keys').toEqual([]);
    expect(uiKeys('zh-CN')).toEqual(uiKeys('en'));
  });

  it('ui.* messages have the same placeholders in both languages and the Chinese ones are translated', () => {
    const en = catalogue('en');
    const zh = catalogue('zh-CN');
    for (const key of uiKeys('en')) {
      const k = key as keyof typeof en;
      expect(placeholders(zh[k]), key).toEqual(placeholders(en[k]));
      expect(zh[k].trim(), key).not.toBe('');
    }
    // Language names, keyboard shortcuts and the key format are the same in both; everything else must differ.
    const same = uiKeys('en').filter((key) => en[key as keyof typeof en] === zh[key as keyof typeof zh]);
    expect(same.sort()).toEqual(['ui.language.en', 'ui.language.zhCN', 'ui.search.shortcut', 'ui.search.shortcutMac', 'ui.vault.recoveryKeyPlaceholder']);
  });
});
