import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../fixtures/makePdf.ts';
import { runCli } from '../helpers/runCli.ts';
import { makeTempDir } from '../helpers/tempDir.ts';

const pass = 'cli passphrase 123';

describe('the cvault command line', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let vault: string;
  let recoveryKey: string;
  let pdfPath: string;
  let pdfBytes: Uint8Array;
  const env = { CVAULT_PASSPHRASE: pass };

  beforeAll(async () => {
    ({ dir: root, cleanup } = await makeTempDir());
    vault = join(root, 'vault');
    pdfBytes = await makePdf([['Framework agreement between the parties', 'Term: thirty six months']]);
    pdfPath = join(root, '框架协议.pdf');
    await writeFile(pdfPath, pdfBytes);
  });
  afterAll(async () => { await cleanup(); });

  it('init prints the recovery key once, and --json prints only JSON', async () => {
    const result = await runCli(['init', vault, '--kdf', 'interactive', '--json'], env);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { vaultId: string; recoveryKey: string };
    expect(parsed.recoveryKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{1,5})+$/);
    recoveryKey = parsed.recoveryKey;
    const header = await readFile(join(vault, 'vault.json'), 'utf8');
    expect(header).not.toContain(recoveryKey);
    expect(header).not.toContain(pass);
  });

  it('adds a customer, imports a file for it, lists, shows and exports it byte-exact', async () => {
    const added = await runCli(['customer', 'add', vault, '--name', '北京纷享科技有限公司', '--email', 'a@b.cn', '--json'], env);
    expect(added.code, added.stderr).toBe(0);
    const customer = JSON.parse(added.stdout) as { id: string; name: string };
    expect(customer.name).toBe('北京纷享科技有限公司');

    const imported = await runCli(['import', vault, pdfPath, '--customer', '北京纷享科技有限公司', '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    const [outcome] = JSON.parse(imported.stdout) as { status: string; contractId: string }[];
    expect(outcome?.status).toBe('imported');
    const contractId = outcome?.contractId ?? '';

    const listed = await runCli(['list', vault, '--customer', customer.id, '--json'], env);
    expect((JSON.parse(listed.stdout) as { title: string }[]).map((c) => c.title)).toEqual(['框架协议']);
    const customers = await runCli(['customer', 'list', vault], env);
    expect(customers.stdout).toContain('北京纷享科技有限公司');

    const shown = await runCli(['show', vault, contractId, '--json'], env);
    expect((JSON.parse(shown.stdout) as { files: { name: string }[] }).files[0]?.name).toBe('框架协议.pdf');

    const out = join(root, 'out.pdf');
    const exported = await runCli(['export-file', vault, contractId, out], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(Buffer.compare(await readFile(out), Buffer.from(pdfBytes))).toBe(0);

    const verify = await runCli(['verify', vault, '--json'], env);
    expect(verify.code).toBe(0);
    expect((JSON.parse(verify.stdout) as { ok: boolean }).ok).toBe(true);

    const audit = await runCli(['audit', vault, '--json'], env);
    const actions = (JSON.parse(audit.stdout) as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['file.export', 'contract.view', 'file.import', 'customer.create', 'vault.create']));
  });

  it('fails with exit 1 and one translated line on stderr', async () => {
    const wrong = await runCli(['list', vault, '--json'], { CVAULT_PASSPHRASE: 'wrong passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr.trim()).toBe('Wrong passphrase.');
    const zh = await runCli(['list', vault, '--lang', 'zh-CN'], { CVAULT_PASSPHRASE: 'wrong passphrase' });
    expect(zh.stderr.trim()).toBe('密码错误。');
    const zhEnv = await runCli(['list', join(root, 'nowhere')], { CVAULT_PASSPHRASE: 'x', LANG: 'zh_CN.UTF-8' });
    expect(zhEnv.code).toBe(1);
    expect(zhEnv.stderr).toContain('不存在');
    const notVault = await runCli(['list', root], env);
    expect(notVault.stderr.trim().split('\n')).toHaveLength(1);
    expect(notVault.stderr).toContain('not a Contract Vault');
    const unknownCustomer = await runCli(['import', vault, pdfPath, '--customer', 'Nobody'], env);
    expect(unknownCustomer.code).toBe(1);
    expect(unknownCustomer.stderr).toContain('Nobody');
    const noPassphrase = await runCli(['list', vault], {});
    expect(noPassphrase.code).toBe(1);
    expect(noPassphrase.stderr).toContain('CVAULT_PASSPHRASE');
  });

  it('reports failed files with their reason and a non-zero exit, importing the rest', async () => {
    const empty = join(root, 'empty.pdf');
    await writeFile(empty, '');
    const other = join(root, 'other.pdf');
    await writeFile(other, await makePdf([['Another contract']]));
    const result = await runCli(['import', vault, empty, other, '--json'], env);
    expect(result.code).toBe(1);
    const outcomes = JSON.parse(result.stdout) as { status: string }[];
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'imported']);
    expect(result.stderr).toContain('empty.pdf');
    expect(result.stderr).toContain('0 bytes');
  });

  it('changes the passphrase, then opens with the new one, the passphrase file, or the recovery key', async () => {
    const changed = await runCli(['passphrase', 'change', vault, '--kdf', 'interactive'], { ...env, CVAULT_NEW_PASSPHRASE: 'the new passphrase' });
    expect(changed.code, changed.stderr).toBe(0);
    expect((await runCli(['list', vault], env)).code).toBe(1);
    const passFile = join(root, 'pass.txt');
    await writeFile(passFile, 'the new passphrase\n');
    expect((await runCli(['list', vault, '--passphrase-file', passFile])).code).toBe(0);
    const keyFile = join(root, 'key.txt');
    await writeFile(keyFile, `${recoveryKey.toLowerCase()}\n`);
    const viaKey = await runCli(['list', vault, '--recovery-key-file', keyFile, '--json']);
    expect(viaKey.code, viaKey.stderr).toBe(0);
    expect((JSON.parse(viaKey.stdout) as unknown[]).length).toBe(2);
  });
});
