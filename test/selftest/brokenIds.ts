/**
 * How the mini server makes session ids, good or broken on purpose: each broken maker is a
 * weakness SEC-1, SEC-2 or CONC-3 must see; each encoding is a correct shape real servers use,
 * which they must pass.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Flaw } from "./flaws.ts";

/** A function that makes the next session id; it may wait, as a store round-trip does. */
export type UidMaker = () => string | Promise<string>;

/** Correct id shapes of real servers: each carries at least 128 random bits. */
export const ID_ENCODINGS = {
  /** 256 bits in lowercase hex: the mini server's own. */
  hex: () => randomBytes(32).toString("hex"),
  /** 128 bits, 32 upper-case hex digits, as Tomcat's StandardSessionIdGenerator writes them. */
  "upper-hex": () => randomBytes(16).toString("hex").toUpperCase(),
  /** 128 bits in 22 base64url symbols, the last carrying only 2 bits (uid-safe, Rails). */
  base64url: () => randomBytes(16).toString("base64url"),
  /** 160 bits, 5 per symbol in "0-9a-v", as PHP writes them with sid_bits_per_character=5. */
  base32: () => fiveBitSymbols(randomBytes(20), BASE32HEX),
  /** 128 bits in 26 RFC 4648 base32 symbols without padding, the last carrying 3 bits. */
  "base32-128": () => fiveBitSymbols(randomBytes(16), BASE32),
  /** 32 symbols of [a-z0-9], each drawn alone (about 165 bits), as Django's get_random_string. */
  base36: () => Array.from({ length: 32 }, () => BASE36[randomInt(36)]).join(""),
  /** A fixed node prefix, then 128 random bits laid out as a UUID (no version nibble). */
  "prefixed-uuid": () =>
    `node7-${randomBytes(16)
      .toString("hex")
      .replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-")}`,
} as const;

export type IdEncoding = keyof typeof ID_ENCODINGS;

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
const BASE32HEX = "0123456789abcdefghijklmnopqrstuv";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Bytes written 5 bits per symbol of `alphabet`, the last symbol's missing bits zero (RFC 4648 base32, unpadded). */
function fiveBitSymbols(bytes: Buffer, alphabet: string): string {
  const bits = [...bytes].map((b) => b.toString(2).padStart(8, "0")).join("");
  return (bits.match(/.{1,5}/g) ?? []).map((group) => alphabet[parseInt(group.padEnd(5, "0"), 2)]).join("");
}

/** The id maker for a server with `has` flaws, writing good ids in `encoding`. */
export function uidMaker(has: (flaw: Flaw) => boolean, encoding: IdEncoding = "hex"): UidMaker {
  if (has("counter-id")) {
    let issued = 0;
    return () => (++issued).toString(16).padStart(64, "0");
  }
  if (has("short-id")) return () => randomBytes(4).toString("hex");
  // Hex that never holds an "f": 250 bits by position, yet its bits are visibly biased.
  if (has("biased-id")) return () => Array.from({ length: 64 }, () => "0123456789abcde"[randomInt(15)]).join("");
  // Looks random, but is the hash of the millisecond: visitors arriving together share it.
  if (has("clock-id")) return () => createHash("sha256").update(String(Date.now())).digest("hex");
  // 64 random bits written four times: 64 hex digits, 256 "bits" by position, 64 in truth.
  if (has("repeated-id")) return () => randomBytes(8).toString("hex").repeat(4);
  if (has("sequence-race")) return sequenceRace();
  return ID_ENCODINGS[encoding];
}

/**
 * Ids numbered by a sequence kept in a store: read it, wait one turn of the event loop for
 * the store, write it back plus one. Requests the server starts in the same turn read the
 * same number. Hashed with a per-server secret, so the ids look random.
 */
function sequenceRace(): UidMaker {
  const secret = randomBytes(32);
  let stored = 0;
  return async () => {
    const read = stored;
    await nextTurn();
    stored = read + 1;
    return createHash("sha256").update(secret).update(String(read)).digest("hex");
  };
}
