import { setTimeout as sleep } from "node:timers/promises";
import type { TargetPaths } from "../../adapters/target.ts";
import type { Page } from "../abilities/browse.ts";
import type { Actor } from "../actors/actor.ts";
import { noteCount } from "../questions/counter.ts";
import { noteUid } from "../questions/uid.ts";
import { CannotJudge, check } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { passTime } from "./time.ts";

/** Visit `page` on node `node` (0 is the first) in `actor`'s browser. */
export function visitOn(world: SessionWorld, actor: Actor, page: keyof TargetPaths, node: number): Promise<Page> {
  return actor.browse.visit(world.url(page, node));
}

export async function visitShowOn(world: SessionWorld, actor: Actor, node: number): Promise<string> {
  return noteUid(world, actor, await visitOn(world, actor, "show", node));
}

export async function visitCounterOn(world: SessionWorld, actor: Actor, node: number): Promise<number> {
  return noteCount(world, actor, await visitOn(world, actor, "counter", node));
}

/** Visit a page that must answer without an error, on node `node`. */
export async function visitFineOn(
  world: SessionWorld,
  actor: Actor,
  page: keyof TargetPaths,
  node: number,
  requirement: string,
): Promise<void> {
  const answer = await visitOn(world, actor, page, node);
  check(answer.status < 400, requirement, "a 2xx or 3xx answer", `status ${answer.status}`);
}

/** Visit the nodes in turn every half timeout until twice the timeout has passed. */
export async function keepVisitingNodes(world: SessionWorld, actor: Actor): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await passTime(world, world.target.pages.sessionTimeoutSeconds / 2);
    await visitShowOn(world, actor, (i + 1) % 2);
  }
}

/** `times` counter visits at the same instant with `actor`'s cookies, half on each node (last-byte sync). */
export async function counterBurstOnBothNodes(world: SessionWorld, actor: Actor, times: number): Promise<void> {
  const cookie = (await actor.browse.cookies(world.url("counter", 0))).map((c) => `${c.name}=${c.value}`).join("; ");
  const half = (node: number) =>
    actor.raw.burst(world.url("counter", node), cookie, node === 0 ? Math.ceil(times / 2) : Math.floor(times / 2));
  for (const outcome of (await Promise.all([half(0), half(1)])).flat()) {
    if ("error" in outcome) throw new CannotJudge(`a counter visit of the burst got no answer: ${outcome.error}`);
    noteCount(world, actor, outcome);
  }
}

/** Restart node `node` while `actor` keeps visiting node `other` every half timeout, as in a deploy. */
export async function restartWhileVisiting(
  world: SessionWorld,
  node: number,
  actor: Actor,
  other: number,
): Promise<void> {
  let done = false;
  const restarting = world.target.capabilities.restartNode!(node).finally(() => (done = true));
  while (!done) {
    await Promise.race([restarting, sleep((world.target.pages.sessionTimeoutSeconds * 1000) / 2)]);
    if (!done) await visitShowOn(world, actor, other);
  }
  await restarting;
}
