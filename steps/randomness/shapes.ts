/**
 * The id shapes the judgements are calibrated on: what real implementations issue (perfect
 * generators in their encodings) and the flaws SEC-1 and SEC-2 must catch. Used by the unit
 * tests (with a seeded source, so verdicts are fixed) and by measure.ts (with randomBytes).
 */
import { createHash } from "node:crypto";

/** A source of random bytes. */
export type Bytes = (count: number) => Buffer;

/** Deterministic bytes from `seed`: SHA-256 in counter mode. */
export function seeded(seed: string): Bytes {
  let block = 0;
  return (count) => {
    const parts: Buffer[] = [];
    for (let have = 0; have < count; have += 32) parts.push(createHash("sha256").update(`${seed}:${block++}`).digest());
    return Buffer.concat(parts).subarray(0, count);
  };
}

/** Bytes written 5 bits per character in `symbols` (RFC 4648 base32 without padding when it is A–Z2–7). */
function base32(bytes: Buffer, symbols: string): string {
  let out = "";
  let acc = 0;
  let held = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    held += 8;
    while (held >= 5) {
      out += symbols[(acc >> (held - 5)) & 31];
      held -= 5;
    }
  }
  return held > 0 ? out + symbols[(acc << (5 - held)) & 31] : out;
}

/** `length` characters drawn uniformly from `symbols` by rejection (as Django's get_random_string). */
function uniform(bytes: Bytes, symbols: string, length: number): string {
  const limit = 256 - (256 % symbols.length);
  let out = "";
  while (out.length < length)
    for (const b of bytes(length)) if (b < limit && out.length < length) out += symbols[b % symbols.length];
  return out;
}

const hex = (b: Buffer) => b.toString("hex");
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Makes the i-th id of a sample. */
export type Shape = (bytes: Bytes, i: number) => string;

/** Perfect generators: SEC-2 must pass all; SEC-1 (128 bits) all but the UUID. */
export const PERFECT: Record<string, Shape> = {
  "256-bit hex (reference)": (b) => hex(b(32)),
  "128-bit hex": (b) => hex(b(16)),
  "128-bit upper-case hex (Tomcat)": (b) => hex(b(16)).toUpperCase(),
  "128-bit base64url (22 chars)": (b) => b(16).toString("base64url"),
  "192-bit base64url (express-session)": (b) => b(24).toString("base64url"),
  "128-bit base32 (26 chars)": (b) => base32(b(16), BASE32),
  "160-bit base32 (32 chars)": (b) => base32(b(20), BASE32),
  "base36, 32 chars (Django)": (b) => uniform(b, "0123456789abcdefghijklmnopqrstuvwxyz", 32),
  "UUID v4 (koa-session, 122 bits)": (b) => {
    const u = b(16);
    u[6] = (u[6]! & 0x0f) | 0x40;
    u[8] = (u[8]! & 0x3f) | 0x80;
    const h = hex(u);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  },
  '"node7-" + 128-bit hex': (b) => `node7-${hex(b(16))}`,
  "PHP 8.2 default (32 chars of [0-9a-v], 160 bits)": (b) => base32(b(20), "0123456789abcdefghijklmnopqrstuv"),
};

/** Flawed generators, each with the defect it must be failed for. */
export const FLAWED: Record<string, Shape> = {
  "64-bit random repeated 4 times": (b) => hex(b(8)).repeat(4),
  counter: (_, i) => (0x5000 + i).toString(16).padStart(64, "0"),
  "SHA-256 of a millisecond clock, 4 ids per ms": (_, i) =>
    createHash("sha256")
      .update(String(1_700_000_000_000 + Math.floor(i / 4)))
      .digest("hex"),
  "ms clock (48 bits) + 80 random bits, ULID-like": (b, i) =>
    (1_700_000_000_000 + Math.floor(i / 3)).toString(16).padStart(12, "0") + hex(b(10)),
  "128-bit hex, one bit per char at P(1) = 0.6": (b) => {
    const bytes = b(64);
    // Bit 1 of each character is 1 with probability 154/256 ≈ 0.6; the other three are fair.
    return Array.from({ length: 32 }, (_, k) =>
      ((bytes[2 * k]! & 0b1101) | (bytes[2 * k + 1]! < 154 ? 2 : 0)).toString(16),
    ).join("");
  },
  "256-bit hex that never holds an f (selftest's biased-id)": (b) =>
    [...b(64)].map((x) => "0123456789abcde"[x % 15]).join(""),
  "64-bit hex (short)": (b) => hex(b(8)),
  "128 bits, second half = first XOR a constant": (b) => {
    const half = b(8);
    return hex(half) + hex(Buffer.from(half.map((x, k) => x ^ (0x5a + k))));
  },
  "fixed 100-bit prefix + 28 random bits": (b) => `c0ffee15deadbeef012345678${hex(b(4)).slice(1)}`,
};

/** `count` ids of `shape` from `bytes`. */
export function sampleOf(shape: Shape, bytes: Bytes, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shape(bytes, i));
}
