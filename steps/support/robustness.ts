import type { Dispatcher } from "undici";
import { duplicateSessionCookies, MALFORMED_COOKIES, oversizedCookie } from "./badInput.ts";
import { atOnce } from "./crowd.ts";
import { forgedValueLike } from "./forgery.ts";
import { printable, rawGet, type RawOutcome } from "./rawHttp.ts";
import type { Deviation } from "./verify.ts";
import type { SessionWorld } from "./world.ts";

/** The session cookie's name and a forged value shaped like one the server issues. */
async function cookieShape(world: SessionWorld): Promise<{ N: string; F: string }> {
  const issued = await world.issuedCookies();
  const N = world.sessionCookieName ?? issued[0]!.key;
  return { N, F: forgedValueLike((issued.find((c) => c.key === N) ?? issued[0]!).value) };
}

/** Send exactly `cookie` as `name`, on a connection of its own, and record the exchange. */
async function sendRaw(world: SessionWorld, name: string, cookie: Buffer): Promise<RawOutcome> {
  const url = world.url("show");
  const outcome = await rawGet(url, cookie, world.target.tlsCa);
  const requestHeaders = { cookie: printable(cookie) };
  if ("error" in outcome) world.transcript.record({ actor: name, method: "GET", url: url.href, requestHeaders, error: outcome.error });
  else world.transcript.record({ actor: name, method: "GET", url: url.href, requestHeaders, status: outcome.status, responseHeaders: outcome.headers, body: outcome.body });
  return outcome;
}

/**
 * Visit as `name` once per malformed Cookie header (ROBUST-1), from a cleared browser, and
 * check that each visit gets a new session that holds on the next visit. A header with a
 * control byte may instead be refused with a 4xx.
 */
export async function visitWithMalformedCookies(world: SessionWorld, name: string): Promise<Deviation[]> {
  const { N, F } = await cookieShape(world);
  const deviations: Deviation[] = [];
  for (const malformed of MALFORMED_COOKIES) {
    await world.actor(name).flushCookies();
    const outcome = await sendRaw(world, name, malformed.bytes(N, F));
    const expected = `a new session that holds on the next visit${malformed.invalidField ? ", or a 4xx for the control byte" : ""}`;
    if (!("error" in outcome) && malformed.invalidField && outcome.status >= 400 && outcome.status < 500) continue;
    const problem = await newSessionProblem(world, name, outcome);
    if (problem) deviations.push({ what: malformed.name, expected, actual: problem });
  }
  world.casesTried += MALFORMED_COOKIES.length;
  return deviations;
}

/** Why `outcome` did not give `name` a working new session, or `undefined` when it did. */
async function newSessionProblem(world: SessionWorld, name: string, outcome: RawOutcome): Promise<string | undefined> {
  if ("error" in outcome) return outcome.error;
  const uid = outcome.status === 200 ? world.target.uidPattern.exec(outcome.body)?.[1] : undefined;
  if (!uid) return `status ${outcome.status}, no session id shown`;
  world.seen.set(name, [...world.uidsOf(name), uid]);
  const setCookies = outcome.headers["set-cookie"] ?? [];
  if (world.sessionSetCookies(setCookies).length === 0) return `session ${uid} shown, but no session cookie set`;
  // Keep every cookie set, as a browser does: a session may need a companion (koa-session's .sig).
  for (const header of setCookies) await world.actor(name).jar.setCookie(header, world.origin.href, { ignoreError: true });
  const next = await world.tryVisit(name, world.url("show"));
  return next.uid === uid ? undefined : `session ${uid} did not hold: the next visit showed ${next.uid ?? `no session id (status ${next.page.status})`}`;
}

/**
 * Send `name`'s session cookie twice, or beside others of its name, each header `repeats`
 * times, with `other` visiting before each, so a server that hands out the last session it
 * served shows it (ROBUST-2). Each header must always give `name`'s own session, or always a
 * new one; the same cookie twice must give `name`'s own.
 */
export async function sendDuplicateSessionCookies(world: SessionWorld, name: string, other: string, repeats = 3): Promise<Deviation[]> {
  const N = await world.learnSessionCookieName();
  const jar = await world.actor(name).cookiesFor(world.origin);
  const own = jar.find((c) => c.key === N)?.value ?? "";
  // The browser's other cookies go along, as it sends them: a session may need a companion (koa-session's .sig).
  const companions = jar.filter((c) => c.key !== N).map((c) => `; ${c.cookieString()}`).join("");
  const ownUid = world.uidsOf(name).at(-1);
  const deviations: Deviation[] = [];
  for (const duplicate of duplicateSessionCookies(N, own, forgedValueLike(own))) {
    const got: string[] = [];
    for (let i = 0; i < repeats; i++) {
      await world.visitShow(other);
      const { page, uid } = await world.tryVisit(name, world.url("show"), { cookieHeader: duplicate.header + companions });
      got.push(uid === ownUid ? "own" : uid ? "new" : `status ${page.status}, no session id`);
    }
    const steady = got.every((g) => g === "own") || (!duplicate.mustKeepOwn && got.every((g) => g === "new"));
    const expected = duplicate.mustKeepOwn ? `${name}'s own session each time` : `${name}'s own session each time, or a new one each time`;
    if (!steady) deviations.push({ what: duplicate.name, expected, actual: got.map((g) => (g === "own" ? `${name}'s own session` : g === "new" ? "a new session" : g)).join(", then ") });
  }
  world.casesTried += 5;
  return deviations;
}

/**
 * Send `times` oversized Cookie headers as `name`, at once, while `bystander` visits the site
 * (ROBUST-3). Each must be refused with a 4xx or ignored (a new session).
 */
export async function sendOversizedCookies(world: SessionWorld, name: string, bystander: string, times = 3): Promise<{ deviations: Deviation[]; answers: string[] }> {
  const { N, F } = await cookieShape(world);
  const cookie = oversizedCookie(N, F, world.thresholds.oversizedCookieBytes);
  const [outcomes] = await Promise.all([atOnce(times, () => sendRaw(world, name, cookie)), world.visitShow(bystander)]);
  const answers = outcomes.map((o) => ("error" in o ? o.error : `${o.status}`));
  const deviations = outcomes.flatMap((o, i): Deviation[] => {
    const refused = !("error" in o) && o.status >= 400 && o.status < 500;
    const ignored = !("error" in o) && o.status === 200 && world.target.uidPattern.test(o.body);
    return refused || ignored ? [] : [{ what: `oversized cookie ${i + 1} of ${times}`, expected: "a 4xx, or a new session", actual: answers[i]! }];
  });
  world.casesTried += times;
  return { deviations, answers };
}

/**
 * Ask for the show page as `name` with HEAD and compare the answer with GET's (ROBUST-4): the
 * same status, the same Content-Type, a session cookie exactly when GET sets one, and no body.
 * A visitor with a session compares with their own GET that follows; a new visitor with a
 * new visitor's GET.
 */
export async function headLikeGet(world: SessionWorld, name: string): Promise<Deviation[]> {
  const isNew = (await world.actor(name).cookiesFor(world.origin)).length === 0;
  const head = await world.visit(name, "show", { method: "HEAD" });
  const get = isNew ? await world.visit(`${name}'s twin`, "show") : await world.visit(name, "show");
  if (!isNew) world.seen.set(name, [...world.uidsOf(name), world.readUid(get)]);
  const what = `HEAD on ${isNew ? "a first visit" : "a reload"}`;
  const facts = (page: typeof head) => [`status ${page.status}`, `Content-Type ${String(page.headers["content-type"])}`, world.sessionSetCookies(page.setCookies).length > 0 ? "a session cookie" : "no session cookie"];
  const [headFacts, getFacts] = [facts(head), facts(get)];
  const deviations: Deviation[] = [];
  if (headFacts.join() !== getFacts.join()) deviations.push({ what, expected: `as GET: ${getFacts.join(", ")}`, actual: headFacts.join(", ") });
  if (head.body !== "") deviations.push({ what, expected: "no body", actual: `${head.body.length} characters of body` });
  world.casesTried += 1;
  return deviations;
}

/** Methods the show page has no use for. */
const UNSUPPORTED: Dispatcher.HttpMethod[] = ["PUT", "PATCH", "DELETE"];

/** Send methods the show page does not support as `name`: each must get 405 and no session cookie (ROBUST-4). */
export async function sendUnsupportedMethods(world: SessionWorld, name: string): Promise<Deviation[]> {
  const deviations: Deviation[] = [];
  for (const method of UNSUPPORTED) {
    const page = await world.visit(name, "show", { method });
    const cookies = world.sessionSetCookies(page.setCookies);
    if (page.status !== 405) deviations.push({ what: method, expected: "405 Method Not Allowed", actual: `status ${page.status}` });
    if (cookies.length > 0) deviations.push({ what: method, expected: "no session cookie", actual: cookies.join(" | ") });
  }
  world.casesTried += UNSUPPORTED.length;
  return deviations;
}
