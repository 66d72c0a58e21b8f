import type { Actor } from "../actors/actor.ts";
import { idInAddress } from "../cases/badInput.ts";
import { sessionCookieName } from "../questions/sessionCookie.ts";
import type { SessionWorld } from "../world/world.ts";
import { tryVisit } from "./visits.ts";

/**
 * Visit the show page from a cleared browser once for each address that offers `owner`'s
 * session id outside the cookie (SEC-3): both the cookie's value and the uid, when they differ.
 * @returns the addresses tried
 */
export async function visitWithIdInAddress(world: SessionWorld, actor: Actor, owner: Actor): Promise<URL[]> {
  const cookieName = await sessionCookieName(world);
  const cookie = (await owner.browse.cookies(world.url("show"))).find((c) => c.name === cookieName);
  const ids = new Set([cookie?.value, owner.lastUid].filter((id): id is string => Boolean(id)));
  const urls = [...ids].flatMap((id) => idInAddress(world.url("show"), cookieName, id));
  for (const url of urls) {
    await actor.browse.flushCookies();
    await tryVisit(world, actor, url);
  }
  return urls;
}
