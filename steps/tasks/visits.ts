import type { TargetPaths } from "../../adapters/target.ts";
import type { Page } from "../abilities/browse.ts";
import type { Actor } from "../actors/actor.ts";
import { noteCount } from "../questions/counter.ts";
import { noteUid, uidIn } from "../questions/uid.ts";
import { check } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";

/** The URL of `page` for `actor`'s next request: a cluster's nodes take turns. */
export function pageFor(world: SessionWorld, actor: Actor, page: keyof TargetPaths): URL {
  return world.url(page, actor.requests++);
}

/** Visit one of the target's pages in `actor`'s browser. */
export function visit(world: SessionWorld, actor: Actor, page: keyof TargetPaths): Promise<Page> {
  return actor.browse.visit(pageFor(world, actor, page));
}

/** Visit the show page and remember the session id it names; fails the step when it names none. */
export async function visitShow(world: SessionWorld, actor: Actor): Promise<string> {
  return noteUid(world, actor, await visit(world, actor, "show"));
}

/** Visit `url`, remembering the session id if the page shows one; never fails the step. */
export async function tryVisit(
  world: SessionWorld,
  actor: Actor,
  url: URL,
): Promise<{ page: Page; uid: string | undefined }> {
  const page = await actor.browse.visit(url);
  const uid = uidIn(world, page);
  if (uid) actor.uids.push(uid);
  return { page, uid };
}

/** Visit the counter page and remember the number it shows. */
export async function visitCounter(world: SessionWorld, actor: Actor): Promise<number> {
  return noteCount(world, actor, await visit(world, actor, "counter"));
}

/** Visit the expire page; it must answer without an error. */
export async function expireSession(world: SessionWorld, actor: Actor): Promise<void> {
  const page = await visit(world, actor, "expire");
  check(page.status < 400, "the expire page ends the session", "a 2xx or 3xx answer", `status ${page.status}`);
}

/** Visit a page that must answer without an error (the notify page). */
export async function visitFine(
  world: SessionWorld,
  actor: Actor,
  page: keyof TargetPaths,
  requirement: string,
): Promise<void> {
  const answer = await visit(world, actor, page);
  check(answer.status < 400, requirement, "a 2xx or 3xx answer", `status ${answer.status}`);
}
