import { z } from 'zod';

/** Where and how big the window is, in screen coordinates. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/** What is remembered between launches (bounds and maximised only: nothing from the vault). */
export interface WindowState {
  bounds: WindowBounds;
  maximized: boolean;
}

/** A display's usable area, as Electron's `screen.getAllDisplays()[i].workArea` gives it. */
export interface WorkArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The size of a first launch. */
export const defaultWindowSize = { width: 1280, height: 820 } as const;
const minimum = { width: 900, height: 600 } as const;
/** How much of the title bar must be on a display for the window to count as reachable. */
const VISIBLE_MARGIN = 100;

const savedState = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean(),
});

function intersects(b: Required<WindowBounds>, area: WorkArea): boolean {
  return b.x + b.width - VISIBLE_MARGIN >= area.x && b.x + VISIBLE_MARGIN <= area.x + area.width
    && b.y >= area.y && b.y + VISIBLE_MARGIN <= area.y + area.height;
}

/**
 * The state to open the window with, from whatever was saved (possibly nothing, a damaged file, or
 * bounds on a monitor that has since been unplugged): saved bounds when their title bar is on a
 * display, else the default size centred by Electron; never larger than the largest display.
 */
export function restoreWindowState(saved: unknown, displays: readonly WorkArea[]): WindowState {
  const parsed = savedState.safeParse(saved);
  const largest = displays.reduce<WorkArea | undefined>((best, d) => (!best || d.width * d.height > best.width * best.height ? d : best), undefined);
  const clampW = (w: number) => Math.max(minimum.width, Math.min(w, largest?.width ?? w));
  const clampH = (h: number) => Math.max(minimum.height, Math.min(h, largest?.height ?? h));
  if (parsed.success && displays.some((d) => intersects(parsed.data.bounds, d))) {
    const { x, y, width, height } = parsed.data.bounds;
    return { bounds: { x, y, width: clampW(width), height: clampH(height) }, maximized: parsed.data.maximized };
  }
  return { bounds: { width: clampW(defaultWindowSize.width), height: clampH(defaultWindowSize.height) }, maximized: parsed.success && parsed.data.maximized };
}

/** What to save when the window closes: its normal (un-maximised) bounds and whether it was maximised. */
export function captureWindowState(normalBounds: Required<WindowBounds>, maximized: boolean): WindowState {
  const round = (n: number) => Math.round(n);
  return { bounds: { x: round(normalBounds.x), y: round(normalBounds.y), width: round(normalBounds.width), height: round(normalBounds.height) }, maximized };
}
