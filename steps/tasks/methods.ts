import type { Page } from "../abilities/browse.ts";
import { asPage } from "../abilities/rawHttp.ts";
import type { Actor } from "../actors/actor.ts";
import { sessionSetCookies } from "../questions/sessionCookie.ts";
import { noteUid } from "../questions/uid.ts";
import { type CaseResult, fail } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { pageFor, visit } from "./visits.ts";

/** Methods the show page has no use for, each a case of ROBUST-5. */
const UNSUPPORTED = [
  { n: 1, method: "PUT" },
  { n: 2, method: "PATCH" },
  { n: 3, method: "DELETE" },
] as const;

/** Send `method` to the show page on a raw socket with `actor`'s cookies, reading every byte the server sends. */
async function sendRaw(world: SessionWorld, actor: Actor, method: string): Promise<Page> {
  const url = pageFor(world, actor, "show");
  const cookie = (await actor.browse.cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
  const outcome = await actor.raw.send(url, cookie ? Buffer.from(cookie, "latin1") : undefined, method);
  if ("error" in outcome) fail(`a ${method} request gets an answer`, "an HTTP answer", outcome.error);
  return asPage(outcome, cookie || undefined);
}

/**
 * Ask for the show page with HEAD on a raw socket, then with GET, and compare (ROBUST-4): the
 * same status, the same Content-Type, a session cookie exactly when GET sets one, and not one
 * byte of body. A new visitor's HEAD is compared with a twin's first GET.
 */
export async function headLikeGet(world: SessionWorld, actor: Actor, caseId: string): Promise<CaseResult[]> {
  const isNew = (await actor.browse.cookies(world.url("show"))).length === 0;
  const head = await sendRaw(world, actor, "HEAD");
  const get = isNew
    ? await visit(world, world.actor(`${actor.name}'s twin`), "show")
    : await visit(world, actor, "show");
  if (!isNew) noteUid(world, actor, get);
  const facts = (page: Page) => [
    `status ${page.status}`,
    `Content-Type ${String(page.headers["content-type"])}`,
    sessionSetCookies(world, page.setCookies).length > 0 ? "a session cookie" : "no session cookie",
  ];
  const [headFacts, getFacts] = [facts(head).join(", "), facts(get).join(", ")];
  const title = `HEAD on ${isNew ? "a first visit" : "a reload"}`;
  const actual = [
    headFacts !== getFacts ? headFacts : "",
    head.body !== "" ? `${Buffer.byteLength(head.body)} bytes of body` : "",
  ]
    .filter(Boolean)
    .join("; ");
  return [
    {
      id: caseId,
      title,
      passed: actual === "",
      expected: `as GET (${getFacts}), with no body`,
      actual: actual || undefined,
    },
  ];
}

/** Send methods the show page does not support: each must get 405 and no session cookie (ROBUST-5). */
export async function sendUnsupportedMethods(world: SessionWorld, actor: Actor): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const { n, method } of UNSUPPORTED) {
    const page = await sendRaw(world, actor, method);
    const cookies = sessionSetCookies(world, page.setCookies);
    const problems = [
      page.status !== 405 ? `status ${page.status}` : "",
      cookies.length > 0 ? `a session cookie: ${cookies.join(" | ")}` : "",
    ].filter(Boolean);
    results.push({
      id: `ROBUST-5.${n}`,
      title: method,
      passed: problems.length === 0,
      expected: "405 Method Not Allowed, and no session cookie",
      actual: problems.join("; ") || undefined,
    });
  }
  return results;
}
