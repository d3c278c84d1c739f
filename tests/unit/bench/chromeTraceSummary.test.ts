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
