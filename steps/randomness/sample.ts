/**
 * A sample of ids decoded position by position: which positions vary, the alphabet their
 * symbols come from, each position's values and (for alphabets of 2^b symbols) its bits.
 * Each position keeps the alphabet actually seen there, so a last symbol that carries fewer
 * bits (base64url, base32) or a UUID's variant nibble counts for what it is, not as bias.
 */

/** The symbols ids are written in; `binary` when each symbol is a whole number of bits. */
export interface Alphabet {
  name: string;
  symbols: string;
  binary: boolean;
  bitsPerSymbol: number;
}

/** One character position that varies between ids. */
export interface Position {
  /** 0-based character index in the id. */
  index: number;
  /** How many distinct symbols were seen here. */
  size: number;
  /** Each id's symbol here, numbered 0..size-1 in alphabet order. */
  values: Uint8Array;
  /** Each id's symbol here as its value in the alphabet (its bits, for binary alphabets). */
  raw: Uint8Array;
}

export interface Sample {
  count: number;
  distinct: number;
  /** Characters analysed (the shortest id) and the longest id. */
  length: number;
  longest: number;
  alphabet: Alphabet;
  positions: Position[];
  constant: number;
}

// Standard encodings, smallest first; the first that holds every varying symbol is the alphabet.
const STANDARD: Array<[string, string]> = [
  ["hex", "0123456789abcdef"],
  ["upper-case hex", "0123456789ABCDEF"],
  ["base32", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"],
  ["lower-case base32", "abcdefghijklmnopqrstuvwxyz234567"],
  ["base32hex", "0123456789ABCDEFGHIJKLMNOPQRSTUV"],
  ["lower-case base32hex (PHP, 5 bits per character)", "0123456789abcdefghijklmnopqrstuv"],
  ["base36", "0123456789abcdefghijklmnopqrstuvwxyz"],
  ["upper-case base36", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
  ["base58", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"],
  ["base62", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"],
  ["base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"],
  ["base64", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"],
  ["PHP, 6 bits per character", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,-"],
];

function alphabetFor(used: ReadonlySet<string>): Alphabet {
  const standard = STANDARD.find(([, symbols]) => [...used].every((c) => symbols.includes(c)));
  // Unknown symbols carry no known bit layout: judged as symbols only.
  const [name, symbols] = standard ?? ["the symbols seen", [...used].sort().join("")];
  const bits = Math.log2(symbols.length);
  const binary = standard !== undefined && Number.isInteger(bits);
  return { name, symbols, binary, bitsPerSymbol: bits };
}

/** Decode `ids`; undefined when the varying symbols are too many to be an alphabet (> 255). */
export function decode(ids: readonly string[]): Sample | undefined {
  const count = ids.length;
  let length = count === 0 ? 0 : Infinity;
  let longest = 0;
  for (const id of ids) {
    length = Math.min(length, id.length);
    longest = Math.max(longest, id.length);
  }
  // One pass per position over char codes: the 20,000-id samples of --thorough stay fast.
  const columns: Array<{ index: number; codes: Uint16Array }> = [];
  const used = new Uint8Array(65536);
  for (let p = 0; p < length; p++) {
    const codes = new Uint16Array(count);
    let varies = false;
    for (let i = 0; i < count; i++) {
      codes[i] = ids[i]!.charCodeAt(p);
      if (codes[i] !== codes[0]) varies = true;
    }
    if (!varies) continue;
    columns.push({ index: p, codes });
    for (const c of codes) used[c] = 1;
  }
  const symbols = new Set<string>();
  used.forEach((u, c) => u && symbols.add(String.fromCharCode(c)));
  if (symbols.size > 255) return undefined;
  const alphabet = alphabetFor(symbols);
  const value = new Int16Array(65536).fill(-1);
  [...alphabet.symbols].forEach((c, i) => (value[c.charCodeAt(0)] = i));
  const positions = columns.map(({ index, codes }) => {
    const raw = new Uint8Array(count);
    const seen = new Uint8Array(256);
    for (let i = 0; i < count; i++) seen[(raw[i] = value[codes[i]!]!)] = 1;
    const rank = new Uint8Array(256);
    let size = 0;
    seen.forEach((s, v) => s && (rank[v] = size++));
    const values = new Uint8Array(count);
    for (let i = 0; i < count; i++) values[i] = rank[raw[i]!]!;
    return { index, size, raw, values };
  });
  return {
    count,
    distinct: new Set(ids).size,
    length,
    longest,
    alphabet,
    positions,
    constant: length - columns.length,
  };
}

/** One bit of a binary alphabet's position, over the sample: a bitset of `count` bits. */
export interface BitColumn {
  /** Index into Sample.positions. */
  position: number;
  /** Bit within the symbol, 0 = least significant. */
  bit: number;
  words: Uint32Array;
  ones: number;
}

/** The bits that vary, position by position, most significant first; constant bits are left out. */
export function bitColumns(sample: Sample): BitColumn[] {
  const columns: BitColumn[] = [];
  const wordCount = Math.ceil(sample.count / 32);
  const count = sample.count;
  sample.positions.forEach(({ raw }, position) => {
    for (let bit = sample.alphabet.bitsPerSymbol - 1; bit >= 0; bit--) {
      const words = new Uint32Array(wordCount);
      let ones = 0;
      for (let i = 0; i < count; i++) {
        const set = (raw[i]! >> bit) & 1;
        words[i >>> 5]! |= set << (i & 31);
        ones += set;
      }
      if (ones > 0 && ones < count) columns.push({ position, bit, words, ones });
    }
  });
  return columns;
}

/** Where a position stands, for reasons: "position 17 (of 64)". */
export function where(sample: Sample, position: number): string {
  return `character ${sample.positions[position]!.index + 1}`;
}
