import type { Exchange } from "../abilities/browse.ts";
import type { Actor } from "../actors/actor.ts";
import { ConformanceFailure, check } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";

const isServerError = (e: Exchange) => (e.status ?? 0) >= 500;

/** `actor` never got a 5xx answer. */
export function expectNoServerError(world: SessionWorld, actor: Actor): void {
  const errors = world.transcript.of(actor.name).filter(isServerError);
  check(
    errors.length === 0,
    "bad input never causes a server error",
    "no 5xx answer",
    errors.map((e) => `${e.status} to Cookie: ${e.requestHeaders.cookie ?? "(none)"}`).join("; "),
  );
}

/**
 * Fail a scenario that passed while some actor got a 5xx nobody checked. An actor whose server
 * errors a step judged itself is left out, and only that actor.
 */
export function failOnUncheckedServerErrors(world: SessionWorld): void {
  const excused = new Set([...world.actors.values()].filter((a) => a.serverErrorsChecked).map((a) => a.name));
  const errors = world.transcript.exchanges.filter((e) => isServerError(e) && !excused.has(e.actor));
  if (errors.length > 0)
    throw new ConformanceFailure(
      `the server answered ${errors.map((e) => `${e.status} to ${e.actor}'s ${e.method} ${e.url}`).join(", ")}`,
    );
}

/** Whether any exchange got a 5xx, checked or not (for attaching the transcript). */
export function anyServerError(world: SessionWorld): boolean {
  return world.transcript.exchanges.some(isServerError);
}
