import { listMembers } from "../../lib/headers.ts";
import type { Exchange } from "../abilities/browse.ts";
import type { Actor } from "../actors/actor.ts";
import { check } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { sessionSetCookies, setCookiesOf } from "./sessionCookie.ts";

/**
 * Whether a Cache-Control header keeps shared caches from storing the answer: `no-store`, or
 * `private` (RFC 9111 5.2.2.3 and 5.2.2.7; ASVS 5.0 14.3.2).
 */
export function keepsCachesOut(cacheControl: string | string[] | undefined): boolean {
  const directives = listMembers(cacheControl).map((d) => d.split("=")[0]!.toLowerCase());
  return directives.includes("no-store") || directives.includes("private");
}

/** Every answer that set `actor`'s session cookie kept shared caches from storing it (SEC-4). */
export function expectCachesKeptOut(world: SessionWorld, actor: Actor): void {
  const answers = world.transcript.of(actor.name).filter((e) => sessionSetCookies(world, setCookiesOf(e)).length > 0);
  const cacheControl = (e: Exchange) => String(e.responseHeaders?.["cache-control"] ?? "(none)");
  world.measure(
    `Cache-Control of the ${answers.length} answers that set the session cookie: ${answers.map(cacheControl).join(" | ")}`,
  );
  const stored = answers.filter((e) => !keepsCachesOut(e.responseHeaders?.["cache-control"]));
  const expected = "Cache-Control: no-store (or private) on each";
  check(
    answers.length > 0 && stored.length === 0,
    "an answer that sets the session cookie is kept out of caches (ASVS 5.0 14.3.2)",
    expected,
    `${stored.length} of ${answers.length} without: ${stored.map(cacheControl).join(", ")}`,
  );
}
