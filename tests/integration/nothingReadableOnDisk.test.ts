import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../src-main/core/ingest/extractorRegistry.ts';
import { makePdf } from '../fixtures/makePdf.ts';
import { makeTempDir } from '../helpers/tempDir.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const customerName = '北京纷享科技有限公司';
const fileName = 'Confidential-Supply-Agreement-Zhangjiang.pdf';

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Every encoding a leaked string could be written in. */
function encodings(text: string): Buffer[] {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  return [Buffer.from(text, 'utf8'), le, be];
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/cvault.mjs', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

describe('nothing readable touches the disk outside the user\'s own input', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => { ({ dir: root, cleanup } = await makeTempDir()); });
  afterAll(async () => { await cleanup(); });

  it('after importing a PDF for a customer, no vault file, temp file or log holds the name, the file name or any 12-character run of its text', async () => {
    const input = join(root, 'input');
    const vault = join(root, 'vault');
    // The child process gets its own temp and home folders, so everything it writes there can be scanned.
    const tmp = join(root, 'tmp');
    const home = join(root, 'home');
    await Promise.all([mkdir(input), mkdir(tmp), mkdir(home)]);
    const lines = [
      'This Supply Agreement is made between Zhangjiang Precision Parts and Fxiaoke Technology.',
      'The Supplier shall deliver 12,500 units of hydraulic valves per quarter at USD 41.75 each.',
      'Either party may terminate with ninety days written notice; penalties apply per clause 14.2.',
    ];
    const pdf = await makePdf([lines, ['Schedule B: confidential pricing for the Pudong warehouse expansion.']]);
    const pdfPath = join(input, fileName);
    await writeFile(pdfPath, pdf);
    const extracted = (await extractText(pdf, fileName)).pages.join('\n');
    expect(extracted).toContain('Supply Agreement');

    const env = { ...process.env, CVAULT_PASSPHRASE: 'scan test passphrase', TMPDIR: tmp, TEMP: tmp, TMP: tmp, HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
    expect(await cli(['init', vault, '--kdf', 'interactive'], env)).toBe(0);
    expect(await cli(['customer', 'add', vault, '--name', customerName, '--email', 'legal@fxiaoke.example'], env)).toBe(0);
    expect(await cli(['import', vault, pdfPath, '--customer', customerName], env)).toBe(0);
    expect(await cli(['verify', vault], env)).toBe(0);
    // Searching builds the search index and saves its snapshot under vault/index: it is scanned too.
    expect(await cli(['search', vault, 'hydraulic', 'valves'], env)).toBe(0);

    const needles: { label: string; bytes: Buffer }[] = [];
    const add = (label: string, text: string) => encodings(text).forEach((bytes) => needles.push({ label, bytes }));
    add('customer name', customerName);
    add('file name', fileName);
    add('file name stem', fileName.replace(/\.pdf$/, ''));
    add('customer e-mail', 'legal@fxiaoke.example');
    const flat = extracted.replace(/\s+/g, ' ');
    for (let i = 0; i + 12 <= flat.length; i += 1) add(`text run at ${i}`, flat.slice(i, i + 12));

    const everything = [...(await listFiles(vault)), ...(await listFiles(tmp)), ...(await listFiles(home))];
    // tsx (which runs the CLI from source in development) caches transpiled *program* modules in the temp
    // folder. Our source legitimately contains contract vocabulary (extraction patterns), so a cached module
    // is left out of the scan only when its source map proves it is a file of this repository.
    const programCache: string[] = [];
    const scanned: string[] = [];
    for (const path of everything) {
      const sources = /"sources":(\[[^\]]*\])/.exec(await readFile(path, 'latin1'))?.[1];
      const fromRepo = path.includes(`${join(tmp, 'tsx-')}`) && sources !== undefined
        && (JSON.parse(sources) as string[]).every((source) => source.startsWith(repoRoot));
      (fromRepo ? programCache : scanned).push(path);
    }
    expect(scanned.some((p) => p.endsWith('vault.db'))).toBe(true);
    expect(scanned.filter((p) => p.includes(`${join(vault, 'blobs')}`)).length).toBeGreaterThanOrEqual(2);
    expect(scanned.some((p) => p.startsWith(join(vault, 'index')))).toBe(true);
    const leaks: string[] = [];
    for (const path of scanned) {
      if ((await stat(path)).size === 0) continue;
      const bytes = await readFile(path);
      for (const needle of needles) if (bytes.includes(needle.bytes)) leaks.push(`${path}: ${needle.label}`);
    }
    expect(leaks).toEqual([]);
  });
});
