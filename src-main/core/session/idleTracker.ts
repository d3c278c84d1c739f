/**
 * When an unlocked vault has been left alone long enough to lock itself: the time since the last call
 * began or ended, with no call running (a long import is work in progress, not idleness).
 */
export class IdleTracker {
  private lastActivity: number;
  private running = 0;

  constructor(private readonly now: () => number) {
    this.lastActivity = now();
  }

  /** A call started. */
  begin(): void {
    this.running++;
    this.lastActivity = this.now();
  }

  /** A call finished (successfully or not). */
  end(): void {
    this.running = Math.max(0, this.running - 1);
    this.lastActivity = this.now();
  }

  /** Whether nothing ran for `minutes` (never when `minutes` is 0). */
  isIdle(minutes: number): boolean {
    return minutes > 0 && this.running === 0 && this.now() - this.lastActivity >= minutes * 60_000;
  }
}
