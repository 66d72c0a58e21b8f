import { setTimeout as sleep } from "node:timers/promises";
import type { Page } from "../abilities/browse.ts";
import { type Actor, Note } from "../actors/actor.ts";
import { precondition } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { replayKept } from "./cookies.ts";
import { expireSession } from "./visits.ts";

/** A slow page loading, started by one step and awaited by a later one. */
export interface PendingVisit {
  response: Promise<Page>;
  /** How long the page was asked to hold the session, in milliseconds. */
  ms: number;
  /** `performance.now()` when it was asked for, and when its answer arrived. */
  startedAt: number;
  finishedAt?: number;
}

export const SLOW_VISIT = new Note<PendingVisit>("the slow page loading");

/** Start loading the slow page, asking it to hold the session `ms` milliseconds; do not wait. */
export function startSlowVisit(world: SessionWorld, actor: Actor, ms: number): void {
  const url = new URL(world.target.pages.paths.slow!.replaceAll("{ms}", String(ms)), world.url("show"));
  const pending: PendingVisit = { ms, startedAt: performance.now(), response: actor.browse.visit(url) };
  const finished = () => (pending.finishedAt = performance.now());
  pending.response.then(finished, finished);
  actor.note(SLOW_VISIT, pending);
}

/**
 * Expire the session a fifth into the slow page's hold. A server that serialises requests per
 * session (PHP, Java, ASP.NET) answers it only after the slow page: what counts is that the
 * expire was asked for while the slow page was loading, not the order of the answers. Replays
 * start only once the expire page has answered, so any of them that gets the old session is
 * the server's fault, locking or not.
 */
export async function expireDuringSlowVisit(world: SessionWorld, actor: Actor): Promise<void> {
  const slow = actor.recall(SLOW_VISIT);
  await sleep(slow.ms / 5);
  precondition(
    slow.finishedAt === undefined,
    `the slow page answered within ${(performance.now() - slow.startedAt).toFixed(0)} ms, before the expire page could be asked for while it held the session (asked to hold ${slow.ms} ms)`,
  );
  await expireSession(world, actor);
}

/** Replay `owner`'s kept cookie again and again until `owner`'s slow page has answered. */
export async function replayWhileLoading(world: SessionWorld, actor: Actor, owner: Actor): Promise<number> {
  const slow = owner.recall(SLOW_VISIT);
  let replays = 0;
  while (slow.finishedAt === undefined && replays < 100) {
    await replayKept(world, actor, owner).catch(() => undefined);
    replays++;
    await sleep(slow.ms / 10);
  }
  return replays;
}

/**
 * Wait for the slow page to answer, whatever it answers: refusing to save a session that ended
 * meanwhile (Django's 400 since #21608) is a cure, not a fault. A 5xx still fails the scenario.
 * @returns the slow page's status
 */
export async function finishSlowVisit(actor: Actor): Promise<number> {
  return (await actor.recall(SLOW_VISIT).response).status;
}
