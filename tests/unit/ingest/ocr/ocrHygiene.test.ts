import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HygieneReport } from './ocrHygieneChild.ts';

const childScript = fileURLToPath(new URL('./ocrHygieneChild.ts', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  report: unknown;
  cwdEntries: string[];
  tmpEntries: string[];
}

function collect(stream: Readable | null | undefined): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    stream?.on('close', () => resolve(text));
  });
}

/** Runs the child in a fresh empty working directory and TMPDIR, and returns what it printed and left behind. */
async function runChild(args: string[]): Promise<ChildRun> {
  const root = await mkdtemp(path.join(tmpdir(), 'cvault-ocr-hygiene-'));
  const cwd = path.join(root, 'cwd');
  const tmp = path.join(root, 'tmp');
  await Promise.all([mkdir(cwd), mkdir(tmp)]);
  try {
    const child = spawn(process.execPath, ['--import', tsxLoader, childScript, ...args], {
      cwd,
      // tsx's own transform cache would otherwise land in TMPDIR; it is the test harness, not the app.
      env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, TSX_DISABLE_CACHE: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    const [stdout, stderr, reportText, code] = await Promise.all([
      collect(child.stdout),
      collect(child.stderr),
      collect(child.stdio[3] as Readable),
      new Promise<number | null>((resolve) => child.on('close', resolve)),
    ]);
    return { code, stdout, stderr, report: reportText === '' ? null : JSON.parse(reportText), cwdEntries: await readdir(cwd), tmpEntries: await readdir(tmp) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe('OCR hygiene: no network, no files, no output', () => {
  let server: net.Server;
  let port = 0;
  let connections = 0;

  beforeAll(async () => {
    server = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('OCRs images and a scanned PDF printing nothing, writing no file, and never touching the network', async () => {
    const run = await runChild(['ours', String(port)]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
    expect(run.cwdEntries).toEqual([]);
    expect(run.tmpEntries).toEqual([]);
    const report = run.report as HygieneReport;
    expect(report.english.toLowerCase()).toContain('non-disclosure agreement');
    expect(report.chinese).toContain('保密协议');
    expect(report.scannedPdf[0]?.toLowerCase()).toContain('scanned annex');
    expect(report.corruptCode).toBe('IMAGE_UNREADABLE');
    // Language data pointed at a URL is refused inside the OCR thread: no connection reached the server.
    expect(report.networkRefusal).toContain('never uses the network');
    expect(connections).toBe(0);
    expect(report.mainThreadNetworkCalls).toBe(0);
  });

  it('control: stock tesseract.js prints to stderr and caches into the working directory, which the checks above catch', async () => {
    const run = await runChild(['control']);
    expect(run.report).toEqual({ done: true });
    expect(run.cwdEntries).toContain('eng.traineddata');
    // leptonica/libpng report the damage on stderr (e.g. "libpng error: ...: invalid chunk type").
    expect(run.stderr).toMatch(/error/i);
  });
});
