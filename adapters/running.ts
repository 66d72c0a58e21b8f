import type { Target } from "./target.ts";

/**
 * Started targets by handle. Cucumber clones its world parameters for every scenario, and a
 * Target holds functions and sockets, so the runner passes a handle and the World looks it up.
 * Each run has its own handle, so runs in one process never share a target.
 */
interface Running {
  target: Target;
  /**
   * Seconds the suite has moved the target's clock since it started, over every scenario of the
   * run: the target's time is real time plus these, and browsers judge cookie lifetimes by it.
   */
  clockMovedSeconds: number;
}

const running = new Map<string, Running>();
let next = 0;

/** Keep `target` until `release`; the handle goes into the run's world parameters. */
export function register(target: Target): string {
  const handle = `target-${++next}`;
  running.set(handle, { target, clockMovedSeconds: 0 });
  return handle;
}

export function release(handle: string): void {
  running.delete(handle);
}

/** @throws Error when the handle names no running target: the suite was not started by its runner */
export function runningTarget(handle: string | undefined): Running {
  const found = handle === undefined ? undefined : running.get(handle);
  if (!found) throw new Error("no target is running: run the suite through session-conformance");
  return found;
}

export function targetFor(handle: string | undefined): Target {
  return runningTarget(handle).target;
}
