import { afterAll, describe, expect, it } from 'vitest';
import { createOcrEngine } from '../../../../src-main/core/ingest/ocr/ocrEngine.ts';
import { OcrCancelledError, OcrEngineError, OcrTimeoutError, toOcrAppError } from '../../../../src-main/core/ingest/ocr/ocrErrors.ts';
import { makeTextImage } from '../../../fixtures/ocr/makeTextImage.ts';

const engine = createOcrEngine({ workers: 1 });
const image = makeTextImage(['Termination requires ninety days notice']);

afterAll(async () => {
  await engine.terminate();
});

async function rejection(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('ocrEngine', () => {
  it('recognises text with a confidence, and reuses its worker for the next image', async () => {
    let started = performance.now();
    const first = await engine.recognize(image);
    const firstMs = performance.now() - started;
    expect(first.text.toLowerCase()).toContain('ninety days notice');
    expect(first.confidence).toBeGreaterThan(60);
    started = performance.now();
    await engine.recognize(image);
    // The first call paid for the start-up (wasm core plus language data, about a second); the second does not.
    expect(performance.now() - started).toBeLessThan(firstMs * 0.6);
  });

  it('stops a page that outlives its timeout, then starts a fresh worker for the next one', async () => {
    const error = await rejection(engine.recognize(image, { timeoutMs: 5 }));
    expect(error).toBeInstanceOf(OcrTimeoutError);
    expect(toOcrAppError(error, 'slow.png')).toMatchObject({ code: 'EXTRACTION_TIMEOUT', params: { file: 'slow.png', seconds: 1 } });
    expect((await engine.recognize(image)).text.toLowerCase()).toContain('ninety days');
  });

  it('cancels a queued and a running job through their AbortSignal', async () => {
    const controller = new AbortController();
    const running = engine.recognize(image, { signal: controller.signal });
    const queued = engine.recognize(image, { signal: controller.signal });
    controller.abort();
    expect(await rejection(running)).toBeInstanceOf(OcrCancelledError);
    expect(await rejection(queued)).toBeInstanceOf(OcrCancelledError);
    expect(await rejection(engine.recognize(image, { signal: AbortSignal.abort() }))).toBeInstanceOf(OcrCancelledError);
    expect(toOcrAppError(new OcrCancelledError(), 'x.png').code).toBe('IMPORT_CANCELLED');
  });

  it('rejects queued work on terminate() and works again afterwards', async () => {
    const pending = [engine.recognize(image), engine.recognize(image)];
    await engine.terminate();
    for (const job of pending) expect(await rejection(job)).toBeInstanceOf(OcrEngineError);
    expect((await engine.recognize(image)).text.toLowerCase()).toContain('termination');
  });

  it('runs pages on several workers at once when allowed to', async () => {
    const pair = createOcrEngine({ workers: 2 });
    try {
      const texts = await Promise.all([1, 2, 3, 4].map((n) => pair.recognize(makeTextImage([`Clause ${n} applies`]))));
      expect(texts.map((t) => t.text)).toEqual(['Clause 1 applies', 'Clause 2 applies', 'Clause 3 applies', 'Clause 4 applies']);
    } finally {
      await pair.terminate();
    }
  });
});
