import type { Actor } from "../actors/actor.ts";
import { oversizedCookie } from "../cases/badInput.ts";
import { uidIn } from "../questions/uid.ts";
import type { CaseResult } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { cookieShape } from "./malformedCookies.ts";
import { pageFor, visitShow } from "./visits.ts";

/**
 * Send `times` oversized Cookie headers at once while `bystander` visits the site (ROBUST-3):
 * each must be refused with a 4xx, or ignored (a new session).
 * @returns the cases, and the answers for the report
 */
export async function sendOversizedCookies(
  world: SessionWorld,
  actor: Actor,
  bystander: Actor,
  times = 3,
): Promise<{ results: CaseResult[]; answers: string[] }> {
  actor.serverErrorsChecked = true;
  const { N, F } = await cookieShape(world);
  const cookie = oversizedCookie(N, F, world.thresholds.oversizedCookieBytes);
  const send = () => actor.raw.send(pageFor(world, actor, "show"), cookie);
  const [outcomes] = await Promise.all([Promise.all(Array.from({ length: times }, send)), visitShow(world, bystander)]);
  const answers = outcomes.map((o) => ("error" in o ? o.error : `${o.status}`));
  const results = outcomes.map((o, i): CaseResult => {
    const refused = !("error" in o) && o.status >= 400 && o.status < 500;
    const ignored = !("error" in o) && uidIn(world, o) !== undefined;
    return {
      id: `ROBUST-3.${i + 1}`,
      title: `oversized cookie ${i + 1} of ${times}`,
      passed: refused || ignored,
      expected: "a 4xx, or a new session",
      actual: answers[i],
    };
  });
  return { results, answers };
}
