import type { Target } from "./target.ts";

/**
 * The target a run drives. The runner starts it before cucumber runs and hands it over here,
 * so an unreachable target is reported before any scenario starts; steps read it back.
 */
let active: Target | undefined;

export function useTarget(target: Target | undefined): void {
  active = target;
}

export function activeTarget(): Target | undefined {
  return active;
}
