import { endingLine } from "../../lib/pages.ts";
import type { Actor } from "../actors/actor.ts";
import { check } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";

/** The end of the first session `actor` was shown has been reported exactly `times` times so far. */
export async function expectEndingsReported(world: SessionWorld, actor: Actor, times: 0 | 1): Promise<void> {
  const uid = actor.uids[0]!;
  const lines = await world.target.capabilities.endings!.lines();
  const reported = lines.filter((line) => line.trim() === endingLine(uid)).length;
  const requirement =
    times === 1
      ? "a session's end is notified exactly once, when it ends, naming its uid"
      : "a session kept active does not end";
  check(
    reported === times,
    requirement,
    `${times === 1 ? "one line" : "no line"} "${endingLine(uid)}"`,
    `${reported} such lines`,
  );
}
