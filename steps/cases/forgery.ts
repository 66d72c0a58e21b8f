import { randomInt } from "node:crypto";

const CLASSES = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"];

/**
 * A value shaped like an issued cookie value but never issued: every letter and digit replaced
 * by a random one of its kind among those the issued value itself uses, separators kept. So the
 * forgery stays in the server's own alphabet (PHP's ids use only 0-9 and a-v): a server that
 * checks only the format cannot tell it from a real one; only a lookup can.
 */
export function forgedValueLike(issued: string): string {
  const alphabets = CLASSES.map((kind) => [...new Set([...issued].filter((char) => kind.includes(char)))].join(""));
  return [...issued]
    .map((char) => {
      const alphabet = alphabets.find((symbols) => symbols.includes(char));
      return alphabet ? alphabet[randomInt(alphabet.length)]! : char;
    })
    .join("");
}
