import { setTimeout as sleep } from "node:timers/promises";
import type { Actor } from "../actors/actor.ts";
import { check } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";
import { visitShow } from "./visits.ts";

/** Seconds past a timeout that count as "the timeout has passed", for the server's sweep. */
const TIMEOUT_MARGIN_SECONDS = 2;

/**
 * Let `seconds` pass at the target: through its clock when it has one (and every browser then
 * judges cookie lifetimes at the target's new time), else in real time.
 */
export async function passTime(world: SessionWorld, seconds: number): Promise<void> {
  const clock = world.target.capabilities.clock;
  if (!clock) return void (await sleep(seconds * 1000));
  await clock.advance(seconds);
  await world.clockMoved(seconds);
}

/** Let more than the whole idle timeout pass. */
export function passTimeout(world: SessionWorld): Promise<void> {
  return passTime(world, world.target.pages.sessionTimeoutSeconds + TIMEOUT_MARGIN_SECONDS);
}

/**
 * Visit every half timeout until twice the timeout has passed. A browser that dropped the
 * session cookie meanwhile (its Expires or Max-Age passed at the target's time, unrenewed)
 * logs the visitor out however active they are: that fails here, naming the cause.
 */
export async function keepVisiting(world: SessionWorld, actor: Actor): Promise<void> {
  const half = world.target.pages.sessionTimeoutSeconds / 2;
  for (let i = 1; i <= 4; i++) {
    await passTime(world, half);
    const held = await actor.browse.cookies(world.url("show"));
    const expected = "the browser still holds the session cookie of an active visitor";
    check(
      held.length > 0,
      "a session kept active does not end",
      expected,
      `the browser had dropped the session cookie by ${i * half} s into the session, with a visit every ${half} s, because the server never renewed its Expires or Max-Age`,
    );
    await visitShow(world, actor);
  }
}
