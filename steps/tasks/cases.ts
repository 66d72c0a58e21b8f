import { CASE } from "../../lib/attachments.ts";
import { type Actor, Note } from "../actors/actor.ts";
import { type CaseResult, checkCases } from "../world/verify.ts";
import type { SessionWorld } from "../world/world.ts";

/** The cases an actor tried, for a Then step to judge. */
export const CASES = new Note<CaseResult[]>("the cases tried");

/** Remember the cases `actor` tried and list each in the report. */
export function recordCases(world: SessionWorld, actor: Actor, results: CaseResult[]): void {
  actor.note(CASES, results);
  for (const result of results) world.attach(JSON.stringify(result), CASE);
}

/** Fail, listing every case `actor` tried that the server handled otherwise than required. */
export function judgeCases(actor: Actor, requirement: string): void {
  checkCases(actor.recall(CASES), requirement);
}
