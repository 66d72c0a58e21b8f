import { parseSetCookie } from "cookie";
import type { JarCookie } from "../abilities/browse.ts";
import type { RawOutcome } from "../abilities/wire.ts";
import type { Actor } from "../actors/actor.ts";
import { MALFORMED_COOKIES } from "../cases/badInput.ts";
import { forgedValueLike } from "../cases/forgery.ts";
import { issuedSessionCookies, sessionCookieName, sessionSetCookies } from "../questions/sessionCookie.ts";
import { uidIn } from "../questions/uid.ts";
import type { CaseResult } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { pageFor, tryVisit } from "./visits.ts";

/** The session cookie's name and a forged value shaped like one the server issues. */
export async function cookieShape(world: SessionWorld): Promise<{ N: string; F: string }> {
  const issued = await issuedSessionCookies(world);
  const N = await sessionCookieName(world);
  return { N, F: forgedValueLike((issued.find((c) => c.name === N) ?? issued[0]!).value) };
}

/**
 * Visit once per malformed Cookie header (ROBUST-1.n), from a cleared browser: each visit must
 * get a new session, not named after anything in the header, that holds on the next visit. A
 * header with a control byte, or with hundreds of cookies, may instead be refused with a 4xx.
 */
export async function visitWithMalformedCookies(world: SessionWorld, actor: Actor): Promise<CaseResult[]> {
  const { N, F } = await cookieShape(world);
  actor.serverErrorsChecked = true;
  const results: CaseResult[] = [];
  for (const malformed of MALFORMED_COOKIES) {
    await actor.browse.flushCookies();
    const bytes = malformed.bytes(N, F);
    const outcome = await actor.raw.send(pageFor(world, actor, "show"), bytes);
    const refused =
      !("error" in outcome) && malformed.refusable !== undefined && outcome.status >= 400 && outcome.status < 500;
    const problem = refused ? undefined : await newSessionProblem(world, actor, outcome, bytes.toString("latin1"));
    const expected = `a new session that holds on the next visit${malformed.refusable ? `, or a 4xx for ${malformed.refusable}` : ""}`;
    results.push({ id: `ROBUST-1.${malformed.n}`, title: malformed.name, passed: !problem, expected, actual: problem });
  }
  return results;
}

/** Why `outcome` did not give `actor` a working new session, or `undefined` when it did. */
async function newSessionProblem(
  world: SessionWorld,
  actor: Actor,
  outcome: RawOutcome,
  header: string,
): Promise<string | undefined> {
  if ("error" in outcome) return outcome.error;
  const uid = uidIn(world, outcome);
  if (!uid) return `status ${outcome.status}, no session id shown`;
  actor.uids.push(uid);
  if (header.includes(uid)) return `session ${uid} was taken from the Cookie header the client sent`;
  const setCookies = outcome.headers["set-cookie"] ?? [];
  if (sessionSetCookies(world, setCookies).length === 0) return `session ${uid} shown, but no session cookie set`;
  // Keep every cookie set, as a browser does: a session may need a companion (koa-session's .sig).
  const url = world.url("show");
  await actor.browse.restoreCookies(
    setCookies.map((h) => fromHeader(h, url)),
    url,
  );
  const next = await tryVisit(world, actor, pageFor(world, actor, "show"));
  return next.uid === uid
    ? undefined
    : `session ${uid} did not hold: the next visit showed ${next.uid ?? `no session id (status ${next.page.status})`}`;
}

function fromHeader(header: string, url: URL): JarCookie {
  const c = parseSetCookie(header);
  return {
    name: c.name,
    value: c.value ?? "",
    domain: url.hostname,
    path: c.path ?? "/",
    httpOnly: c.httpOnly === true,
    secure: c.secure === true,
  };
}
