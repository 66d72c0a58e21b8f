import type { Actor } from "../actors/actor.ts";
import { check } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { declaredCookieName, sessionSetCookies, setCookiesOf } from "./sessionCookie.ts";

/** The session ids an actor was shown, checked against what Twisted Web's session documentation promises. */

export function expectSessionCookieGiven(world: SessionWorld, actor: Actor): void {
  const headers = setCookiesOf(world.transcript.of(actor.name)[0]);
  const expected = `a Set-Cookie for ${declaredCookieName(world) ?? "the session"} on the first answer`;
  check(
    sessionSetCookies(world, headers).length > 0,
    "a first visit sets the session cookie",
    expected,
    headers.join(" | ") || "no Set-Cookie header",
  );
}

export function expectUidShown(actor: Actor): void {
  const [uid] = actor.uids;
  check(
    uid !== undefined && uid.length > 0,
    "the page shows a non-empty session id",
    "a non-empty session id",
    JSON.stringify(uid),
  );
}

export function expectSameUid(actor: Actor): void {
  const { uids } = actor;
  check(new Set(uids).size === 1, "the session id stays the same", `${uids.length} times ${uids[0]}`, uids.join(", "));
}

export function expectNewUid(actor: Actor): void {
  const [earlier, latest] = [actor.uids.slice(0, -1), actor.lastUid!];
  check(
    !earlier.includes(latest),
    "the visit starts a new session",
    `a session id other than ${earlier.join(", ")}`,
    latest,
  );
}

export function expectNotOld(actor: Actor, owner: Actor): void {
  const got = actor.lastUid!;
  check(
    !owner.uids.includes(got),
    "an ended session id is never accepted again",
    `a session id other than ${owner.uids.join(", ")}`,
    got,
  );
}

export function expectDifferent(a: Actor, b: Actor): void {
  check(
    a.lastUid !== b.lastUid,
    "two visitors get different sessions",
    "two different session ids",
    `${a.name}: ${a.lastUid}, ${b.name}: ${b.lastUid}`,
  );
}

export function expectNotForged(actor: Actor, forged: string): void {
  const got = actor.lastUid!;
  check(
    !forged.includes(got),
    "a session id the server never issued is not adopted",
    `a session id not in ${forged}`,
    got,
  );
}

/** No uid `actor` was ever shown is one of `owner`'s. */
export function expectNeverTheirs(actor: Actor, owner: Actor): void {
  const taken = actor.uids.filter((uid) => owner.uids.includes(uid));
  const expected = `${actor.name} never shown ${owner.uids.join(" or ")}`;
  check(
    taken.length === 0,
    "a visitor never gets another visitor's session",
    expected,
    `${taken.length} of ${actor.name}'s ${actor.uids.length} visits showed ${owner.name}'s session ${taken[0]}`,
  );
}

/** Every id of a crowd's first visits is its own. */
export function expectAllDifferent(world: SessionWorld, issued: readonly string[]): void {
  const seen = new Set<string>();
  const repeated = [...new Set(issued.filter((id) => seen.has(id) || !seen.add(id)))];
  world.measure(`${issued.length} session ids, ${repeated.length} of them handed out more than once`);
  check(
    repeated.length === 0,
    "every new session gets an id of its own",
    `${issued.length} different session ids`,
    `${repeated.length} ids handed out more than once, e.g. ${repeated[0]}`,
  );
}
