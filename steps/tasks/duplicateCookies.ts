import { asPage } from "../abilities/rawHttp.ts";
import type { Actor } from "../actors/actor.ts";
import { duplicateSessionCookies } from "../cases/badInput.ts";
import { forgedValueLike } from "../cases/forgery.ts";
import { sessionCookieName } from "../questions/sessionCookie.ts";
import { uidIn } from "../questions/uid.ts";
import type { CaseResult } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { pageFor, visitShow } from "./visits.ts";

/**
 * Send `actor`'s session cookie twice, or beside others of its name (ROBUST-2.n), each header
 * `repeats` times with `other` visiting before each, so a server that hands out the last
 * session it served shows it. Each header must always give `actor`'s own session, or always a
 * new one; the same cookie twice must give their own.
 */
export async function sendDuplicateSessionCookies(
  world: SessionWorld,
  actor: Actor,
  other: Actor,
  repeats = 3,
): Promise<CaseResult[]> {
  actor.serverErrorsChecked = true;
  const N = await sessionCookieName(world);
  const jar = await actor.browse.cookies(world.url("show"));
  const own = jar.find((c) => c.name === N)?.value ?? "";
  // The browser's other cookies go along, as it sends them: a session may need a companion (koa-session's .sig).
  const companions = jar
    .filter((c) => c.name !== N)
    .map((c) => `; ${c.name}=${c.value}`)
    .join("");
  const ownUid = actor.lastUid;
  const results: CaseResult[] = [];
  for (const duplicate of duplicateSessionCookies(N, own, forgedValueLike(own))) {
    const got: string[] = [];
    for (let i = 0; i < repeats; i++) {
      await visitShow(world, other);
      const header = duplicate.header + companions;
      const outcome = await actor.raw.send(pageFor(world, actor, "show"), Buffer.from(header, "latin1"));
      const uid = "error" in outcome ? undefined : uidIn(world, asPage(outcome, header));
      if (uid) actor.uids.push(uid);
      got.push(
        uid === ownUid
          ? "own"
          : uid
            ? "new"
            : "error" in outcome
              ? outcome.error
              : `status ${outcome.status}, no session id`,
      );
    }
    const steady = got.every((g) => g === "own") || (!duplicate.mustKeepOwn && got.every((g) => g === "new"));
    const expected = duplicate.mustKeepOwn
      ? `${actor.name}'s own session each time`
      : `${actor.name}'s own session each time, or a new one each time`;
    const actual = got
      .map((g) => (g === "own" ? `${actor.name}'s own session` : g === "new" ? "a new session" : g))
      .join(", then ");
    results.push({ id: `ROBUST-2.${duplicate.n}`, title: duplicate.name, passed: steady, expected, actual });
  }
  return results;
}
