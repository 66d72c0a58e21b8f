import type { Page } from "../abilities/browse.ts";
import type { Actor } from "../actors/actor.ts";
import { fail } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";

/** The session id a page shows, if it is a 200 that shows one. The one place a uid is read. */
export function uidIn(world: SessionWorld, page: { status: number; body: string }): string | undefined {
  return page.status === 200 ? world.target.pages.uidPattern.exec(page.body)?.[1] : undefined;
}

/** The session id a show page names; fails the step, quoting the page, when there is none. */
export function readUid(world: SessionWorld, page: Page | { status: number; body: string }): string {
  const uid = uidIn(world, page);
  if (uid === undefined) {
    fail(
      "the page shows a session id",
      `status 200 and a body matching ${world.target.pages.uidPattern}`,
      `status ${page.status}, body ${JSON.stringify(page.body.slice(0, 200))}`,
    );
  }
  return uid;
}

/** Read the session id a show page names and add it to what `actor` saw. */
export function noteUid(world: SessionWorld, actor: Actor, page: Page | { status: number; body: string }): string {
  const uid = readUid(world, page);
  actor.uids.push(uid);
  return uid;
}
