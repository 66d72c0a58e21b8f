/**
 * The time source of a Site, after Twisted's IReactorTime: `seconds()` and `callLater()`.
 * Injected through the Site's constructor so tests and conformance runs control time.
 */
export interface DelayedCall {
  cancel(): void;
}

export interface Clock {
  /** Seconds since an arbitrary epoch, fractional. */
  seconds(): number;
  /** Run `fn` once, `delay` seconds from now. */
  callLater(delay: number, fn: () => void): DelayedCall;
}

/** Wall-clock time; its timers never keep the process alive. */
export const realClock: Clock = {
  seconds: () => Date.now() / 1000,
  callLater(delay, fn) {
    const timer = setTimeout(fn, delay * 1000);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

interface Pending {
  at: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * A clock that moves only when told to, like `twisted.internet.task.Clock`.
 * `advance()` runs the calls that fell due, in order of their time.
 */
export class ManualClock implements Clock {
  private now: number;
  private pending: Pending[] = [];

  /** @param start - the initial reading of `seconds()` */
  constructor(start = 0) {
    this.now = start;
  }

  seconds(): number {
    return this.now;
  }

  callLater(delay: number, fn: () => void): DelayedCall {
    const call: Pending = { at: this.now + delay, fn, cancelled: false };
    this.pending.push(call);
    this.pending.sort((a, b) => a.at - b.at);
    return { cancel: () => void (call.cancelled = true) };
  }

  /**
   * Move time forward and run every call due by the new time.
   * @param seconds - how far to move; must not be negative
   * @throws RangeError when `seconds` is negative or not finite
   */
  advance(seconds: number): void {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new RangeError(`cannot advance the clock by ${seconds}`);
    this.now += seconds;
    while (this.pending.length > 0 && this.pending[0]!.at <= this.now) {
      const call = this.pending.shift()!;
      if (!call.cancelled) call.fn();
    }
  }
}
