import { Command, CommanderError, Option } from 'commander';
import { userInfo } from 'node:os';
import { isAppError } from '../../src-shared/api/appError.ts';
import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import type { OperationName, OperationRequest, OperationResult } from '../../src-shared/api/operations.ts';
import { translate } from '../../src-shared/i18n/translate.ts';
import { Backend } from '../core/backend.ts';
import { cliLocale } from './cliLocale.ts';
import { auditTable, contractDetail, contractTable, customerTable, importLines, ruleTable, verifyLines } from './humanOutput.ts';
import { currentPassphrase, newPassphrase, recoveryKeyIfGiven } from './secretSources.ts';
import { progressLine } from './progressLine.ts';
import { plainHighlight, searchResultText, terminalHighlight } from './searchOutput.ts';
import { parseMajorAmount } from './amountArgument.ts';
import { openInBrowser } from './openInBrowser.ts';
import { startWebBridge } from '../web/webBridge.ts';
import { fileURLToPath } from 'node:url';
import { registerBackupCommands } from './backupCommands.ts';

/** Options every command accepts. */
interface GlobalOptions {
  json?: boolean;
  passphraseFile?: string;
  recoveryKeyFile?: string;
  lang?: string;
}

/** An operation failed: its translated message goes to stderr, the exit code is 1. */
class OperationFailed extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/** The `cvault` command line: a thin door over core/handlers.ts through the Backend (DESIGN.md §2). */
export async function runCli(argv: readonly string[]): Promise<number> {
  const locale = cliLocale(argv, process.env);
  const actor = `${safeUserName()}@cli`;
  const backend = new Backend({ actor, locale });
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);

  // Progress goes to stderr, and only on a terminal: stdout stays clean for --json and pipes.
  const onProgress: ((e: ProgressEvent) => void) | undefined = process.stderr.isTTY
    ? (e: ProgressEvent) => {
      const finished = e.done === e.total && e.total > 0 && e.phase === undefined;
      process.stderr.write(finished ? '\r\x1b[K' : `\r\x1b[K${progressLine(locale, e, process.stderr.columns || 80)}`);
    }
    : undefined;
  // Ctrl+C cancels long work cleanly (files already imported stay whole); a second Ctrl+C exits at once.
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    interrupt.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  const call = async <N extends OperationName>(name: N, input: OperationRequest<N>, progress = onProgress): Promise<OperationResult<N>> => {
    const result = (await backend.invoke(name, input, { onProgress: progress, signal: interrupt.signal })) as Envelope<OperationResult<N>>;
    if (!result.ok) throw new OperationFailed([result.error.message]);
    return result.value;
  };
  const print = (opts: GlobalOptions, value: unknown, human: () => string) => {
    process.stdout.write(`${opts.json ? JSON.stringify(value, null, 2) : human()}\n`);
  };
  /** Unlocks the vault for one command and always locks it again. */
  const withVault = async <T>(dir: string, opts: GlobalOptions, work: () => Promise<T>): Promise<T> => {
    const recoveryKey = await recoveryKeyIfGiven(opts.recoveryKeyFile);
    await call('vault.unlock', recoveryKey !== undefined ? { vaultDir: dir, recoveryKey } : { vaultDir: dir, passphrase: await currentPassphrase(locale, opts.passphraseFile) });
    try {
      return await work();
    } finally {
      await backend.dispose();
    }
  };

  const program = new Command('cvault')
    .description(t('cli.description'))
    .option('--json', 'machine-readable JSON on stdout')
    .option('--passphrase-file <file>', 'read the vault passphrase from the first line of this file')
    .option('--recovery-key-file <file>', 'unlock with the recovery key in this file instead of the passphrase')
    .option('--lang <locale>', 'language of messages: en or zh-CN')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  const globals = (cmd: Command) => cmd.optsWithGlobals<GlobalOptions>();

  program.command('init <vault-dir>').description('create a vault; prints the recovery key once')
    .addOption(new Option('--kdf <preset>', 'Argon2id cost (interactive is for tests only)').choices(['moderate', 'sensitive', 'interactive']).default('moderate').hideHelp())
    .action(async (dir: string, cmdOpts: { kdf: 'moderate' | 'sensitive' | 'interactive' }, cmd: Command) => {
      const opts = globals(cmd);
      const passphrase = await newPassphrase(locale, opts.passphraseFile, 'CVAULT_PASSPHRASE');
      const created = await call('vault.create', { vaultDir: dir, passphrase, kdf: cmdOpts.kdf });
      await backend.dispose();
      print(opts, created, () => [t('cli.init.created', { dir }), '', t('cli.init.recoveryKeyIntro'), '', `    ${created.recoveryKey}`, ''].join('\n'));
    });

  const customer = program.command('customer').description('manage customers');
  customer.command('add <vault-dir>').description('add a customer')
    .requiredOption('--name <name>', 'the customer name').option('--email <email>').option('--phone <phone>').option('--notes <notes>')
    .action(async (dir: string, o: { name: string; email?: string; phone?: string; notes?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const added = await withVault(dir, opts, () => call('customers.add', { name: o.name, email: o.email, phone: o.phone, notes: o.notes }));
      print(opts, added, () => t('cli.customer.added', { name: added.name, id: added.id }));
    });
  customer.command('list <vault-dir>').description('list customers')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const customers = await withVault(dir, opts, () => call('customers.list', {}));
      print(opts, customers, () => customerTable(locale, customers));
    });

  program.command('import <vault-dir> [files...]').description('import files or folders of files; --watch keeps importing a folder\'s new and changed files')
    .option('--customer <name-or-id>', 'link the contracts to this customer')
    .option('--contract <id>', 'add the files to this existing contract')
    .addOption(new Option('--role <role>', 'what the files are to the contract').choices(['main', 'annex', 'signed']))
    .option('--watch <folder>', 'watch this folder (e.g. your Dropbox or OneDrive folder) until Ctrl+C; remembered between runs')
    .action(async (dir: string, files: string[], o: { customer?: string; contract?: string; role?: 'main' | 'annex' | 'signed'; watch?: string }, cmd: Command) => {
      const opts = globals(cmd);
      if (o.watch !== undefined) {
        const watchFolder = o.watch;
        await withVault(dir, opts, async () => {
          if (files.length > 0) await importAndReport(opts, files, o);
          const folder = await call('watch.add', { path: watchFolder, customer: o.customer });
          process.stderr.write(`${t('cli.watch.started', { dir: folder.path })}\n`);
          const totals = await call('watch.run', { id: folder.id }, (event) => {
            if (event.warning) process.stderr.write(`${event.warning.message}\n`);
            if (!event.outcomes) return;
            if (opts.json) for (const outcome of event.outcomes) process.stdout.write(`${JSON.stringify(outcome)}\n`);
            else {
              const { stdout, stderr } = importLines(locale, event.outcomes);
              process.stdout.write(`${stdout.split('\n').slice(0, -1).join('\n')}\n`);
              for (const line of stderr) process.stderr.write(`${line}\n`);
            }
          });
          process.stderr.write(`${t('cli.watch.stopped', { imported: totals.imported, failed: totals.failed })}\n`);
        });
        return;
      }
      if (files.length === 0) throw new OperationFailed([t('cli.import.nothing')]);
      await withVault(dir, opts, () => importAndReport(opts, files, o));
    });
  const importAndReport = async (opts: GlobalOptions, files: string[], o: { customer?: string; contract?: string; role?: 'main' | 'annex' | 'signed' }) => {
    const outcomes = await call('contracts.import', { paths: files, customer: o.customer, contractId: o.contract, role: o.role });
    const { stdout, stderr } = importLines(locale, outcomes);
    print(opts, outcomes, () => stdout);
    if (stderr.length > 0) throw new OperationFailed(stderr);
  };

  const watch = program.command('watch').description('watched folders (added with import --watch)');
  watch.command('list <vault-dir>').description('list watched folders')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const folders = await withVault(dir, opts, () => call('watch.list', {}));
      print(opts, folders, () => (folders.length === 0 ? t('cli.watch.none') : folders.map((f) => `${f.id}  ${f.path}${f.customerName ? `  (${f.customerName})` : ''}  ${f.knownFiles}`).join('\n')));
    });
  watch.command('remove <vault-dir> <folder-id>').description('stop watching a folder (its contracts stay)')
    .action(async (dir: string, id: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const removed = await withVault(dir, opts, () => call('watch.remove', { id }));
      print(opts, removed, () => t('cli.watch.removed'));
    });

  program.command('list <vault-dir>').description('list contracts')
    .option('--customer <name-or-id>', 'only this customer\'s contracts')
    .action(async (dir: string, o: { customer?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const contracts = await withVault(dir, opts, () => call('contracts.list', { customer: o.customer }));
      print(opts, contracts, () => contractTable(locale, contracts));
    });

  program.command('show <vault-dir> <contract-id>').description('show a contract, its files and versions')
    .action(async (dir: string, id: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const detail = await withVault(dir, opts, () => call('contracts.get', { id }));
      print(opts, detail, () => contractDetail(locale, detail));
    });

  const contract = program.command('contract').description('edit contracts');
  contract.command('edit <vault-dir> <contract-id>').description('change a contract\'s fields')
    .option('--title <title>').option('--number <number>').option('--customer <name-or-id>')
    .addOption(new Option('--type <type>').choices(['sales', 'purchase', 'service', 'nda', 'lease', 'employment', 'framework', 'amendment', 'other']))
    .addOption(new Option('--status <status>').choices(['draft', 'active', 'expired', 'terminated']))
    .option('--signed <date>', 'signing date, YYYY-MM-DD').option('--start <date>', 'YYYY-MM-DD').option('--end <date>', 'YYYY-MM-DD')
    .option('--amount <amount>', 'e.g. 120000.00').option('--currency <code>', 'ISO 4217, e.g. CNY').option('--tags <tags>', 'comma-separated').option('--notes <notes>')
    .action(async (dir: string, id: string, o: Record<string, string | undefined>, cmd: Command) => {
      const opts = globals(cmd);
      const amount = o.amount === undefined ? undefined : { value: o.amount, currency: o.currency ?? 'CNY' };
      const input = {
        id, title: o.title, number: o.number, customer: o.customer, type: o.type, status: o.status,
        signingDate: o.signed, startDate: o.start, endDate: o.end, amount, notes: o.notes,
        tags: o.tags === undefined ? undefined : o.tags.split(/[,，]/).map((s) => s.trim()).filter(Boolean),
      };
      const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as OperationRequest<'contracts.update'>;
      const updated = await withVault(dir, opts, () => call('contracts.update', defined));
      print(opts, updated, () => t('cli.updated'));
    });

  contract.command('confirm <vault-dir> <contract-id> <field>').description('confirm a field found at import (number, signingDate, amount, ...)')
    .action(async (dir: string, id: string, field: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const confirmed = await withVault(dir, opts, () => call('contracts.confirmField', { id, field: field as OperationRequest<'contracts.confirmField'>['field'] }));
      print(opts, confirmed, () => t('cli.field.confirmedOne', { field }));
    });

  contract.command('merge <vault-dir> <contract-id>').description('file a contract\'s document as the next version of another contract\'s file (see import\'s offer)')
    .requiredOption('--into <file-id>', 'the file that gets the new version')
    .action(async (dir: string, id: string, o: { into: string }, cmd: Command) => {
      const opts = globals(cmd);
      const merged = await withVault(dir, opts, () => call('contracts.mergeAsVersion', { contractId: id, intoFileId: o.into }));
      print(opts, merged, () => contractDetail(locale, merged));
    });

  program.command('export-file <vault-dir> <contract-id> <out-path>').description('write a contract file\'s original bytes, unchanged')
    .option('--file <file-id>', 'which file of the contract (default: the main document)')
    .option('--version <version-id>', 'which version (default: the latest)')
    .action(async (dir: string, id: string, out: string, o: { file?: string; version?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const result = await withVault(dir, opts, () => call('files.export', { contractId: id, outPath: out, fileId: o.file, versionId: o.version }));
      print(opts, result, () => t('cli.export.done', { bytes: result.bytes, path: result.path }));
    });

  program.command('verify <vault-dir>').description('re-check every blob, the audit chain and the database')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const report = await withVault(dir, opts, () => call('vault.verify', {}));
      const { stdout, stderr } = verifyLines(locale, report);
      print(opts, report, () => stdout);
      if (!report.ok) throw new OperationFailed(stderr);
    });

  program.command('passphrase').description('manage the passphrase')
    .command('change <vault-dir>').description('set a new passphrase (unlock with the old one or the recovery key)')
    .option('--new-passphrase-file <file>', 'read the new passphrase from this file (else CVAULT_NEW_PASSPHRASE, else prompt)')
    .addOption(new Option('--kdf <preset>').choices(['moderate', 'sensitive', 'interactive']).default('moderate').hideHelp())
    .action(async (dir: string, o: { newPassphraseFile?: string; kdf: 'moderate' | 'sensitive' | 'interactive' }, cmd: Command) => {
      const opts = globals(cmd);
      const result = await withVault(dir, opts, async () => {
        const next = await newPassphrase(locale, o.newPassphraseFile, 'CVAULT_NEW_PASSPHRASE');
        return call('vault.changePassphrase', { newPassphrase: next, kdf: o.kdf });
      });
      print(opts, result, () => t('cli.passphrase.changed'));
    });

  program.command('settings <vault-dir>').description('show or change vault settings')
    .option('--max-file-size <bytes>', 'largest file import accepts, in bytes')
    .option('--naming-template <template>', 'display and export names, e.g. "{customer}-{type}-{signingDate}-{number}"')
    .option('--number-pattern <pattern>', 'number new contracts that have none, e.g. "HT-{yyyy}-{seq:4}" ("" to stop)')
    .addOption(new Option('--ocr <on-off>', 'read scans and images with OCR at import').choices(['on', 'off']))
    .option('--auto-lock <minutes>', 'lock the open vault after this many idle minutes in the app (0 = never)')
    .action(async (dir: string, o: { maxFileSize?: string; namingTemplate?: string; numberPattern?: string; ocr?: 'on' | 'off'; autoLock?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const patch = {
        ...(o.maxFileSize === undefined ? {} : { importMaxFileBytes: Number(o.maxFileSize) }),
        ...(o.namingTemplate === undefined ? {} : { namingTemplate: o.namingTemplate }),
        ...(o.numberPattern === undefined ? {} : { contractNumberPattern: o.numberPattern.trim() === '' ? null : o.numberPattern }),
        ...(o.ocr === undefined ? {} : { ocrEnabled: o.ocr === 'on' }),
        ...(o.autoLock === undefined ? {} : { autoLockMinutes: Number(o.autoLock) }),
      };
      const settings = await withVault(dir, opts, () => (Object.keys(patch).length === 0 ? call('settings.get', {}) : call('settings.update', patch)));
      print(opts, settings, () => [
        `importMaxFileBytes = ${settings.importMaxFileBytes}`,
        `namingTemplate = ${settings.namingTemplate}`,
        `contractNumberPattern = ${settings.contractNumberPattern ?? ''}`,
        `ocrEnabled = ${settings.ocrEnabled}`,
        `autoLockMinutes = ${settings.autoLockMinutes}`,
      ].join('\n'));
    });

  const rules = program.command('rules').description('classification rules: which contract type, tag or customer a document gets at import');
  rules.command('list <vault-dir>').description('list the rules')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const list = await withVault(dir, opts, () => call('rules.list', {}));
      print(opts, list, () => ruleTable(locale, list));
    });
  rules.command('add <vault-dir>').description('add a rule: one of --type/--tag/--customer, and a --match with its --pattern')
    .addOption(new Option('--type <type>', 'assign this contract type').choices(['sales', 'purchase', 'service', 'nda', 'lease', 'employment', 'framework', 'amendment', 'other']))
    .option('--tag <tag>', 'assign this tag').option('--customer <name-or-id>', 'link this customer')
    .addOption(new Option('--match <algorithm>', 'any word / all words / exact phrase / regular expression / fuzzy').choices(['any', 'all', 'exact', 'regex', 'fuzzy']).makeOptionMandatory())
    .requiredOption('--pattern <text>', 'the words, phrase or expression to look for')
    .option('--priority <n>', 'higher wins among matches in the same part of a document', '0')
    .option('--case-sensitive', 'match letter case exactly')
    .action(async (dir: string, o: { type?: string; tag?: string; customer?: string; match: 'any' | 'all' | 'exact' | 'regex' | 'fuzzy'; pattern: string; priority: string; caseSensitive?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      const targets = [o.type && { kind: 'type', value: o.type }, o.tag && { kind: 'tag', value: o.tag }, o.customer && { kind: 'customer', value: o.customer }].filter(Boolean);
      const added = await withVault(dir, opts, () => call('rules.add', {
        target: (targets.length === 1 ? targets[0] : undefined) as OperationRequest<'rules.add'>['target'],
        rule: { algorithm: o.match, pattern: o.pattern, caseSensitive: o.caseSensitive === true },
        priority: Number(o.priority),
      }));
      print(opts, added, () => t('cli.rules.added', { id: added.id }));
    });
  rules.command('remove <vault-dir> <rule-id>').description('remove a rule (builtin rules too)')
    .action(async (dir: string, id: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const removed = await withVault(dir, opts, () => call('rules.remove', { id }));
      print(opts, removed, () => t('cli.rules.removed', { id }));
    });

  program.command('search <vault-dir> [query...]').description('find contracts by their text, in Chinese or English, with filters')
    .option('--customer <name-or-id>', 'only this customer\'s contracts (repeatable)', collect, [])
    .addOption(new Option('--type <type...>', 'only these contract types').choices([...contractTypeChoices]))
    .addOption(new Option('--status <status...>', 'only these statuses').choices(['draft', 'active', 'expired', 'terminated']))
    .option('--tag <tag>', 'only contracts with this tag (repeatable)', collect, [])
    .option('--format <format>', 'only contracts with a file of this format: pdf, docx, xlsx, eml, msg, image, text (repeatable)', collect, [])
    .option('--from <date>', 'signed on or after, YYYY-MM-DD').option('--to <date>', 'signed on or before, YYYY-MM-DD')
    .option('--ends-from <date>', 'ending on or after, YYYY-MM-DD').option('--ends-to <date>', 'ending on or before, YYYY-MM-DD')
    .option('--min-amount <amount>', 'at least this amount, e.g. 100000 or 1,200.50').option('--max-amount <amount>', 'at most this amount')
    .option('--currency <code>', 'amounts in this currency only, e.g. CNY')
    .addOption(new Option('--sort <order>', 'order of the results').choices(['relevance', 'signingDate', 'endDate', 'amount']).default('relevance'))
    .option('--ascending', 'oldest / smallest first').option('--limit <n>', 'at most n results', '20')
    .action(async (dir: string, words: string[], o: SearchOptions, cmd: Command) => {
      const opts = globals(cmd);
      const result = await withVault(dir, opts, async () => {
        let customerIds: string[] | undefined;
        if (o.customer.length > 0) {
          const customers = await call('customers.list', {});
          customerIds = o.customer.map((wanted) => {
            const found = customers.find((c) => c.id === wanted || c.name.toLowerCase() === wanted.toLowerCase());
            if (!found) throw new OperationFailed([t('cli.search.unknownCustomer', { customer: wanted })]);
            return found.id;
          });
        }
        return call('search.query', {
          text: words.join(' '), customerIds, types: o.type, statuses: o.status,
          tags: o.tag.length > 0 ? o.tag : undefined, formats: o.format.length > 0 ? o.format : undefined,
          signedFrom: o.from, signedTo: o.to, endsFrom: o.endsFrom, endsTo: o.endsTo,
          minAmountMinor: parseMajorAmount(o.minAmount), maxAmountMinor: parseMajorAmount(o.maxAmount), currency: o.currency,
          sort: o.sort, ascending: o.ascending, limit: Number(o.limit),
        } as OperationRequest<'search.query'>);
      });
      print(opts, result, () => searchResultText(locale, result, process.stdout.isTTY ? terminalHighlight : plainHighlight));
    });

  program.command('reindex <vault-dir>').description('rebuild the search index from the vault')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const done = await withVault(dir, opts, () => call('search.reindex', {}));
      print(opts, done, () => t('cli.reindex.done', { contracts: done.contracts, seconds: done.seconds }));
    });

  program.command('serve').description('open the app in a browser: a server on 127.0.0.1 only, with a secret token in the URL')
    .option('--port <n>', 'port to listen on (default: a free one)', '0').option('--no-open', 'print the URL without opening a browser')
    .action(async (o: { port: string; open: boolean }) => {
      const bridge = await startWebBridge({
        backend, port: Number(o.port), staticDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)), notBuiltMessage: t('cli.serve.notBuilt'),
      });
      // #7: a long-lived door runs scheduled backups while the vault is unlocked.
      backend.startBackupScheduler();
      process.stdout.write(`${bridge.appUrl}\n`);
      process.stderr.write(`${t('cli.serve.running')}\n`);
      if (o.open) openInBrowser(bridge.appUrl);
      await new Promise<void>((resolve) => {
        interrupt.signal.addEventListener('abort', () => resolve(), { once: true });
        process.once('SIGTERM', () => resolve());
      });
      await bridge.close();
    });

  program.command('audit <vault-dir>').description('show the audit log')
    .option('--record <id>', 'only events about this record').option('--limit <n>', 'newest n events', '1000')
    .action(async (dir: string, o: { record?: string; limit: string }, cmd: Command) => {
      const opts = globals(cmd);
      const events = await withVault(dir, opts, () => call('audit.list', { recordId: o.record, limit: Number(o.limit) }));
      print(opts, events, () => auditTable(locale, events));
    });

  // #5 tags (s12-ui): list and rename over `tags.list` / `tags.rename`.
  const tags = program.command('tags').description('contract tags');
  tags.command('list <vault-dir>').description('list tags with how many contracts carry each')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const list = await withVault(dir, opts, () => call('tags.list', {}));
      print(opts, list, () => (list.length === 0 ? t('cli.tags.none') : list.map((tag) => `${tag.name}  ${tag.contractCount}`).join('\n')));
    });
  tags.command('rename <vault-dir> <old> <new>').description('rename a tag on every contract carrying it; onto an existing tag, the two merge')
    .action(async (dir: string, from: string, to: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const renamed = await withVault(dir, opts, () => call('tags.rename', { from, to }));
      print(opts, renamed, () => t('cli.tags.renamed', { from, to, count: renamed.renamed }));
    });

  // Backups (#7)
  registerBackupCommands(program, {
    locale, call: (name, input) => call(name, input), withVault, print, globals,
    fail: (lines) => { throw new OperationFailed(lines); },
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const lines = error instanceof OperationFailed ? error.lines
      : isAppError(error) ? [translate(locale, `error.${error.code}`, error.params)]
      : [translate(locale, 'error.INTERNAL', { detail: error instanceof Error ? error.message : String(error) })];
    for (const line of lines) process.stderr.write(`${line}\n`);
    return 1;
  } finally {
    await backend.dispose();
  }
}

interface SearchOptions {
  customer: string[]; type?: ContractTypeChoice[]; status?: Array<'draft' | 'active' | 'expired' | 'terminated'>; tag: string[]; format: string[];
  from?: string; to?: string; endsFrom?: string; endsTo?: string; minAmount?: string; maxAmount?: string; currency?: string;
  sort: 'relevance' | 'signingDate' | 'endDate' | 'amount'; ascending?: boolean; limit: string;
}

const contractTypeChoices = ['sales', 'purchase', 'service', 'nda', 'lease', 'employment', 'framework', 'amendment', 'other'] as const;
type ContractTypeChoice = (typeof contractTypeChoices)[number];

/** Commander collector for repeatable options. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function safeUserName(): string {
  try {
    return userInfo().username || 'owner';
  } catch {
    return 'owner';
  }
}
