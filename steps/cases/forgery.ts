import { randomInt } from "node:crypto";

const HEX = "0123456789abcdef";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const DIGITS = "0123456789";

/**
 * A value shaped like an issued cookie value but never issued: every letter and digit
 * replaced by a random one of its kind, separators kept. A server that checks only the
 * format cannot tell it from a real one; only a lookup can.
 */
export function forgedValueLike(issued: string): string {
  const allHex = /^[0-9a-f]+$/.test(issued);
  return [...issued]
    .map((char) => {
      if (allHex) return pick(HEX);
      if (DIGITS.includes(char)) return pick(DIGITS);
      if (LOWER.includes(char)) return pick(LOWER);
      if (UPPER.includes(char)) return pick(UPPER);
      return char;
    })
    .join("");
}

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)]!;
}
