/**
 * How the mini server makes session ids, good or broken on purpose: each broken maker is a
 * weakness SEC-1, SEC-2 or CONC-3 must see.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import type { Flaw } from "./flaws.ts";

/** A function that makes the next session id. */
export type UidMaker = () => string;

/** The id maker for a server with `has` flaws: 256 random bits in hex unless broken. */
export function uidMaker(has: (flaw: Flaw) => boolean): UidMaker {
  if (has("counter-id")) {
    let issued = 0;
    return () => (++issued).toString(16).padStart(64, "0");
  }
  if (has("short-id")) return () => randomBytes(4).toString("hex");
  // Hex that never holds an "f": 250 bits by position, yet its bits are visibly biased.
  if (has("biased-id")) return () => Array.from({ length: 64 }, () => "0123456789abcde"[randomInt(15)]).join("");
  // Looks random, but is the hash of the millisecond: visitors arriving together share it.
  if (has("clock-id")) return () => createHash("sha256").update(String(Date.now())).digest("hex");
  return () => randomBytes(32).toString("hex");
}
