import type { JarCookie } from "../abilities/browse.ts";
import { asPage } from "../abilities/rawHttp.ts";
import { type Actor, Note } from "../actors/actor.ts";
import { forgedValueLike } from "../cases/forgery.ts";
import { issuedSessionCookies } from "../questions/sessionCookie.ts";
import { noteUid } from "../questions/uid.ts";
import { check, fail } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { pageFor } from "./visits.ts";

/** The cookies an actor put aside, to replay later. */
export const KEPT_COOKIES = new Note<JarCookie[]>("a kept copy of the session cookie");
/** The forged Cookie header an actor sent. */
export const FORGED_COOKIE = new Note<string>("a forged session cookie");

/** Put aside a copy of the cookies `actor`'s browser would send to the show page. */
export async function keepCopy(world: SessionWorld, actor: Actor): Promise<void> {
  const cookies = await actor.browse.cookies(world.url("show"));
  check(cookies.length > 0, "the browser holds a session cookie to keep", "at least one cookie", "none");
  actor.note(KEPT_COOKIES, cookies);
}

/**
 * Send `owner`'s kept cookies, exactly, as a raw Cookie header (an attacker replaying a stolen
 * cookie ignores its expiry), and read the session id the answer shows.
 */
export async function replayKept(world: SessionWorld, actor: Actor, owner: Actor): Promise<string> {
  const header = owner
    .recall(KEPT_COOKIES)
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  const url = pageFor(world, actor, "show");
  const outcome = await actor.raw.send(url, Buffer.from(header, "latin1"));
  if ("error" in outcome) fail("a replayed cookie gets an answer", "an HTTP answer", outcome.error);
  return noteUid(world, actor, asPage(outcome, header));
}

/** Visit with a Cookie header shaped like an issued one, whose values the server never issued. */
export async function visitWithForgedCookie(world: SessionWorld, actor: Actor): Promise<void> {
  const issued = await issuedSessionCookies(world);
  const header = issued.map((c) => `${c.name}=${forgedValueLike(c.value)}`).join("; ");
  actor.note(FORGED_COOKIE, header);
  const outcome = await actor.raw.send(pageFor(world, actor, "show"), Buffer.from(header, "latin1"));
  if ("error" in outcome) fail("a forged cookie gets an answer", "an HTTP answer", outcome.error);
  noteUid(world, actor, asPage(outcome, header));
}
