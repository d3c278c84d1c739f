/**
 * Reads a Chromium trace (the JSON of `browser.stopTracing()`) and says what the renderer's main thread
 * spent its long tasks on: for each top-level task over a threshold, its self time by event name (a
 * script's time is named by its function and file), plus the totals over all such tasks. Used by the
 * contracts-table benchmark's `--trace` to find what drops a frame during the scroll.
 */

/** One trace event, as Chromium writes it (only the fields read here). */
interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time; unlike `dur`, not inflated when the thread waits for a core on a busy machine. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number; frame?: string } };
}

/** A long main-thread task: when it started (ms from the first event), how long it ran, and its self time by name. */
export interface LongTask {
  atMs: number;
  durMs: number;
  self: [string, number][];
}

/** What the long tasks of a trace spent their time on. */
export interface TraceSummary {
  mainThreadTasks: number;
  longTasks: LongTask[];
  /** Self time by name over all long tasks, largest first. */
  totals: [string, number][];
  /** Time in garbage collection over the whole main thread (not only long tasks). */
  gcMs: number;
  /** The main thread's top-level tasks over the whole trace: wall time, and CPU time (thread time). */
  wallMs: number;
  cpuMs: number;
  /** CPU self time by name over every task (not only long ones), largest first: what the thread did. */
  cpuByName: [string, number][];
  /**
   * CPU (thread) time of the tasks that ran a main frame (`ProxyMain::BeginMainFrame`: scroll events, animation
   * frame callbacks, style, layout, paint, layerisation, commit), one entry per frame, in trace order.
   */
  frameTaskCpuMs: number[];
  /**
   * CPU time by thread of the page's renderer process and of the GPU process (where software compositing
   * draws), largest first; a thread pool's workers are added up under their common name.
   */
  cpuByThread: [string, number][];
}

const GC = /^(MinorGC|MajorGC|V8\.GC_|BlinkGC\.|ThreadState::|V8\.GCScavenger|GCEvent)/u;

function label(event: TraceEvent): string {
  const data = event.args?.data;
  if ((event.name === 'FunctionCall' || event.name === 'EvaluateScript' || event.name === 'v8.callFunction') && data !== undefined) {
    const file = (data.url ?? '').split('/').at(-1) ?? '';
    return `JS ${data.functionName !== undefined && data.functionName !== '' ? data.functionName : '(anonymous)'} ${file}:${data.lineNumber ?? '?'}`;
  }
  if (GC.test(event.name)) return `GC ${event.name}`;
  return event.name;
}

/** Summarises the trace's busiest renderer main thread: tasks over `minMs` and where their time went. */
export function summariseTrace(trace: { traceEvents: TraceEvent[] } | TraceEvent[], minMs: number): TraceSummary {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // Several renderers (about:blank, the page): the busiest main thread is the page's.
  const busy = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)) busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.dur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const origin = mine[0]?.ts ?? 0;
  // Top-level GC events only: V8 nests its phases (a scavenge inside MinorGC) under the same names.
  let gcUs = 0;
  let gcEnd = Number.NEGATIVE_INFINITY;
  for (const e of mine) {
    if (!GC.test(e.name) || e.ts < gcEnd) continue;
    gcUs += e.dur ?? 0;
    gcEnd = e.ts + (e.dur ?? 0);
  }
  const gcMs = gcUs / 1000;
  const frameTaskCpuMs: number[] = [];

  // Nest by time: an event inside the one before it is its child; self time = own duration minus children's.
  const longTasks: LongTask[] = [];
  const cpuByName = new Map<string, number>();
  let wallMs = 0;
  let cpuMs = 0;
  let tasks = 0;
  let i = 0;
  while (i < mine.length) {
    const top = mine[i] as TraceEvent;
    const end = top.ts + (top.dur ?? 0);
    let j = i + 1;
    while (j < mine.length && (mine[j] as TraceEvent).ts < end) j += 1;
    tasks += 1;
    wallMs += (top.dur ?? 0) / 1000;
    cpuMs += (top.tdur ?? top.dur ?? 0) / 1000;
    if (mine.slice(i, j).some((e) => e.name === 'ProxyMain::BeginMainFrame')) frameTaskCpuMs.push((top.tdur ?? top.dur ?? 0) / 1000);
    // CPU self time by name, over every task.
    const cpuStack: { event: TraceEvent; childUs: number }[] = [];
    const cpuClose = (upTo: number) => {
      while (cpuStack.length > 0) {
        const last = cpuStack.at(-1) as { event: TraceEvent; childUs: number };
        if (last.event.ts + (last.event.dur ?? 0) > upTo) break;
        cpuStack.pop();
        const name = label(last.event);
        cpuByName.set(name, (cpuByName.get(name) ?? 0) + Math.max(0, (last.event.tdur ?? last.event.dur ?? 0) - last.childUs) / 1000);
      }
    };
    for (let k = i; k < j; k += 1) {
      const event = mine[k] as TraceEvent;
      cpuClose(event.ts);
      const parent = cpuStack.at(-1);
      if (parent !== undefined) parent.childUs += event.tdur ?? event.dur ?? 0;
      cpuStack.push({ event, childUs: 0 });
    }
    cpuClose(Number.POSITIVE_INFINITY);
    if ((top.dur ?? 0) / 1000 >= minMs) {
      const self = new Map<string, number>();
      const stack: { event: TraceEvent; childUs: number }[] = [];
      const close = (upTo: number) => {
        while (stack.length > 0) {
          const last = stack.at(-1) as { event: TraceEvent; childUs: number };
          if (last.event.ts + (last.event.dur ?? 0) > upTo) break;
          stack.pop();
          const name = label(last.event);
          self.set(name, (self.get(name) ?? 0) + ((last.event.dur ?? 0) - last.childUs) / 1000);
        }
      };
      for (let k = i; k < j; k += 1) {
        const event = mine[k] as TraceEvent;
        close(event.ts);
        const parent = stack.at(-1);
        if (parent !== undefined) parent.childUs += event.dur ?? 0;
        stack.push({ event, childUs: 0 });
      }
      close(Number.POSITIVE_INFINITY);
      longTasks.push({ atMs: (top.ts - origin) / 1000, durMs: (top.dur ?? 0) / 1000, self: [...self.entries()].filter(([, v]) => v >= 0.3).sort((a, b) => b[1] - a[1]) });
    }
    i = j;
  }
  const totals = new Map<string, number>();
  for (const task of longTasks) for (const [name, v] of task.self) totals.set(name, (totals.get(name) ?? 0) + v);
  return {
    mainThreadTasks: tasks, longTasks, totals: [...totals.entries()].sort((a, b) => b[1] - a[1]), gcMs,
    wallMs, cpuMs, cpuByName: [...cpuByName.entries()].sort((a, b) => b[1] - a[1]), frameTaskCpuMs,
    cpuByThread: cpuByThread(events, main),
  };
}

/** CPU time of each thread of the main thread's process and of the GPU process (top-level events' thread time). */
function cpuByThread(events: TraceEvent[], main: string | undefined): [string, number][] {
  if (main === undefined) return [];
  const rendererPid = Number(main.split(':')[0]);
  const gpuPids = new Set(events.filter((e) => e.ph === 'M' && e.name === 'process_name' && e.args?.name === 'GPU Process').map((e) => e.pid));
  const threadNames = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '?']));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || (e.pid !== rendererPid && !gpuPids.has(e.pid))) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const totals = new Map<string, number>();
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    let end = Number.NEGATIVE_INFINITY;
    let us = 0;
    for (const e of list) {
      if (e.ts < end) continue;
      us += e.tdur ?? e.dur ?? 0;
      end = e.ts + (e.dur ?? 0);
    }
    const process = gpuPids.has(Number(key.split(':')[0])) ? 'GPU' : 'renderer';
    const name = `${process} ${threadNames.get(key) ?? '?'}`;
    totals.set(name, (totals.get(name) ?? 0) + us / 1000);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

/** Trace categories that name script, style, layout, paint and GC on the main thread. */
export const TRACE_CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'toplevel', 'v8', 'disabled-by-default-v8.gc', 'blink', 'blink.user_timing', 'cc', 'gpu',
];
