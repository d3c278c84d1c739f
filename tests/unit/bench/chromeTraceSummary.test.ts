import { describe, expect, it } from 'vitest';
import { summariseTrace } from '../../bench/chromeTraceSummary.ts';

const meta = (pid: number, tid: number, name: string) => ({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name } });
const x = (name: string, ts: number, dur: number, tdur: number, extra: Record<string, unknown> = {}) => ({ name, ph: 'X', ts, dur, tdur, pid: 2, tid: 1, ...extra });

describe('the Chromium trace summary of the contracts-table bench', () => {
  it('finds the busiest renderer main thread, nests events by time and splits long tasks into self time', () => {
    const trace = {
      traceEvents: [
        meta(2, 1, 'CrRendererMain'), meta(3, 1, 'CrRendererMain'), meta(2, 5, 'Compositor'),
        // A 20 ms task (wall) that used 10 ms of CPU: a script calling layout, then a minor GC.
        x('RunTask', 1000, 20_000, 10_000),
        x('FunctionCall', 1000, 12_000, 6000, { args: { data: { functionName: 'render', url: 'http://x/assets/vendor.js', lineNumber: 416 } } }),
        x('Layout', 5000, 4000, 2000),
        x('MinorGC', 14_000, 3000, 3000),
        // A short task, and events of another renderer and another thread that must not count.
        x('RunTask', 30_000, 2000, 2000),
        { ...x('RunTask', 0, 1000, 1000), pid: 3 },
        { ...x('RunTask', 0, 90_000, 90_000), tid: 5 },
      ],
    };
    const summary = summariseTrace(trace, 12);
    expect(summary.mainThreadTasks).toBe(2);
    expect(summary.longTasks).toHaveLength(1);
    const [task] = summary.longTasks;
    expect(task?.durMs).toBe(20);
    expect(Object.fromEntries(task?.self ?? [])).toEqual({ 'JS render vendor.js:416': 8, RunTask: 5, Layout: 4, 'GC MinorGC': 3 });
    expect(summary.gcMs).toBe(3);
    expect(summary.wallMs).toBe(22);
    expect(summary.cpuMs).toBe(12);
    expect(Object.fromEntries(summary.cpuByName)).toEqual({ 'JS render vendor.js:416': 4, RunTask: 3, Layout: 2, 'GC MinorGC': 3 });
  });
});

describe('the per-frame and per-thread figures of the trace summary', () => {
  it('gives the CPU of each main-frame task, counts a nested GC once, and adds up CPU by thread of the page and the GPU process', () => {
    const processName = (pid: number, name: string) => ({ name: 'process_name', ph: 'M', ts: 0, pid, tid: 0, args: { name } });
    const on = (pid: number, tid: number, name: string, ts: number, dur: number, tdur: number) => ({ name, ph: 'X', ts, dur, tdur, pid, tid });
    const trace = [
      meta(2, 1, 'CrRendererMain'), processName(2, 'Renderer'), meta(2, 5, 'Compositor'), meta(2, 6, 'RasterWorker'), meta(2, 7, 'RasterWorker'),
      processName(9, 'GPU Process'), meta(9, 3, 'VizCompositorThread'), processName(8, 'Browser'), meta(8, 1, 'CrBrowserMain'),
      // Two frames (4 ms and 7 ms of CPU) and a task that ran no frame (a fetch answer, with a GC inside a GC).
      on(2, 1, 'RunTask', 0, 5000, 4000), on(2, 1, 'ProxyMain::BeginMainFrame', 100, 4000, 3500),
      on(2, 1, 'RunTask', 16_000, 9000, 7000), on(2, 1, 'ProxyMain::BeginMainFrame', 16_100, 8000, 6500),
      on(2, 1, 'RunTask', 30_000, 3000, 3000), on(2, 1, 'MinorGC', 30_500, 2000, 2000), on(2, 1, 'V8.GC_SCAVENGER', 30_600, 1500, 1500),
      // Other threads: nested events count once per top-level event; two raster workers add up under one name.
      on(2, 5, 'RunTask', 0, 2000, 1500), on(2, 5, 'Draw', 100, 1000, 900),
      on(2, 6, 'RunTask', 0, 1000, 1000), on(2, 7, 'RunTask', 0, 3000, 2000),
      on(9, 3, 'RunTask', 0, 6000, 5000),
      // The browser process is neither the page nor the GPU process.
      on(8, 1, 'RunTask', 0, 50_000, 50_000),
    ];
    const summary = summariseTrace(trace, 12);
    expect(summary.frameTaskCpuMs).toEqual([4, 7]);
    expect(summary.gcMs).toBe(2);
    expect(summary.cpuMs).toBe(14);
    expect(Object.fromEntries(summary.cpuByThread)).toEqual({
      'renderer CrRendererMain': 14, 'renderer Compositor': 1.5, 'renderer RasterWorker': 3, 'GPU VizCompositorThread': 5,
    });
  });
});
