import type { TargetPaths } from "../../adapters/target.ts";
import type { Page } from "../abilities/browse.ts";
import { asPage } from "../abilities/rawHttp.ts";
import type { Actor } from "../actors/actor.ts";
import { uidIn } from "../questions/uid.ts";
import { CannotJudge, fail } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { ISSUED } from "./crowd.ts";

/**
 * Visit `page` `count` times at the same instant with `actor`'s cookies, each on a connection of
 * its own (last-byte sync, so the server's handling overlaps every time). A request left
 * unanswered means the burst was not delivered as designed: the run cannot judge.
 */
export async function burst(
  world: SessionWorld,
  actor: Actor,
  page: keyof TargetPaths,
  count: number,
): Promise<Page[]> {
  const url = world.url(page, actor.requests++);
  const cookie = (await actor.browse.cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
  const outcomes = await actor.raw.burst(url, cookie, count);
  return outcomes.map((outcome) => {
    if ("error" in outcome) throw new CannotJudge(`a request of the burst of ${count} got no answer: ${outcome.error}`);
    return asPage(outcome, cookie || undefined);
  });
}

/**
 * `count` first visits at the same instant, each on a connection of its own and without a
 * cookie, last-byte synced (CONC-3), noting the ids `crowd` was given.
 */
export async function firstVisitsAtOnce(world: SessionWorld, crowd: Actor, count: number): Promise<string[]> {
  const outcomes = await crowd.raw.burst(world.url("show"), "", count);
  const uids = outcomes.map((outcome) => {
    if ("error" in outcome)
      throw new CannotJudge(`a first visit of the burst of ${count} got no answer: ${outcome.error}`);
    const uid = uidIn(world, outcome);
    if (!uid)
      fail(
        "each first visit shows a session id",
        `status 200 and a body matching ${world.target.pages.uidPattern}`,
        `status ${outcome.status}`,
      );
    return uid;
  });
  crowd.note(ISSUED, uids);
  return uids;
}
