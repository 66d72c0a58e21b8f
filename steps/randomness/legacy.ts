/**
 * Statistics on a sample of session ids, read as strings (black box): per-character-position
 * entropy (SEC-1) and a battery of randomness tests (SEC-2), after Burp Sequencer's
 * character-level analysis, FIPS 140-2 and NIST SP 800-22. Passing proves no CSPRNG; failing
 * proves a weak or structured generator.
 */
import { createRequire } from "node:module";

type Gammainc = (x: number, a: number, regularized?: boolean, upper?: boolean) => number;
let gammaincLoaded: Gammainc | undefined;

/** @stdlib's regularized incomplete gamma, loaded on first use: its 286 modules take 0.1 s to load. */
function gammainc(x: number, a: number, regularized: boolean, upper: boolean): number {
  gammaincLoaded ??= createRequire(import.meta.url)("@stdlib/math-base-special-gammainc") as Gammainc;
  return gammaincLoaded(x, a, regularized, upper);
}

/** The symbols ids are written in, and how many bits one symbol carries. */
export interface Alphabet {
  name: string;
  symbols: string;
  /** log2 of the alphabet's size. */
  bitsPerSymbol: number;
  /** Whether each symbol decodes to a whole number of bits (hex, base32, base64). */
  binary: boolean;
}

/** How a sample of ids is laid out, position by position. */
export interface Layout {
  count: number;
  /** Positions analysed: the shortest id's length. */
  length: number;
  /** Shortest and longest id. */
  lengths: [number, number];
  alphabet: Alphabet;
  /** Positions whose symbol changes between ids. */
  varying: number[];
  /** Positions holding the same symbol in every id: structure, worth no bits. */
  constant: number[];
}

// Standard encodings, smallest first; the first that holds every symbol seen is the alphabet.
const STANDARD: Array<[string, string]> = [
  ["hex", "0123456789abcdef"],
  ["uppercase hex", "0123456789ABCDEF"],
  ["base32", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"],
  ["lowercase base32", "abcdefghijklmnopqrstuvwxyz234567"],
  ["base32hex", "0123456789ABCDEFGHIJKLMNOPQRSTUV"],
  ["lowercase base32hex", "0123456789abcdefghijklmnopqrstuv"],
  ["base36", "0123456789abcdefghijklmnopqrstuvwxyz"],
  ["base58", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"],
  ["base62", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"],
  ["base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"],
  ["base64", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"],
];

/** P(X ≥ x) for X chi-square distributed with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  return x <= 0 ? 1 : gammainc(x / 2, df / 2, true, true);
}

/** P(|Z| ≥ |z|) for a standard normal Z: erfc(|z|/√2) = Q(½, z²/2). */
export function normalTwoSided(z: number): number {
  return z === 0 ? 1 : gammainc((z * z) / 2, 0.5, true, true);
}

/**
 * Find the positions that vary and the alphabet they are written in.
 * @throws RangeError for an empty sample
 */
export function layoutOf(ids: readonly string[]): Layout {
  if (ids.length === 0) throw new RangeError("no ids to analyse");
  const lengths = ids.map((id) => id.length);
  const length = Math.min(...lengths);
  const varying: number[] = [];
  const constant: number[] = [];
  const seen = new Set<string>();
  for (let p = 0; p < length; p++) {
    const first = ids[0]![p]!;
    let varies = false;
    for (const id of ids) {
      if (id[p] !== first) varies = true;
      seen.add(id[p]!);
    }
    (varies ? varying : constant).push(p);
  }
  // Symbols of constant positions (separators, prefixes) do not count towards the alphabet.
  const used = new Set<string>();
  for (const id of ids) for (const p of varying) used.add(id[p]!);
  return { count: ids.length, length, lengths: [length, Math.max(...lengths)], alphabet: alphabetFor(used), varying, constant };
}

function alphabetFor(used: Set<string>): Alphabet {
  const standard = STANDARD.find(([, symbols]) => [...used].every((c) => symbols.includes(c)));
  const [name, symbols] = standard ?? ["the symbols seen", [...used].sort().join("")];
  const bits = Math.log2(Math.max(symbols.length, 1));
  return { name, symbols, bitsPerSymbol: bits, binary: Number.isInteger(bits) && bits > 0 };
}

/** How often each symbol of the alphabet stands at each varying position (or in `rows`). */
function counts(rows: readonly number[][], size: number): Uint32Array[] {
  const width = rows[0]?.length ?? 0;
  const table = Array.from({ length: width }, () => new Uint32Array(size));
  for (const row of rows) row.forEach((symbol, i) => table[i]![symbol]!++);
  return table;
}

function chiSquareUniform(column: Uint32Array, total: number): number {
  const expected = total / column.length;
  let sum = 0;
  for (const observed of column) sum += (observed - expected) ** 2 / expected;
  return sum;
}

/** Each id's varying positions as symbol indices. */
function symbolRows(ids: readonly string[], layout: Layout): number[][] {
  const index = new Map([...layout.alphabet.symbols].map((c, i) => [c, i]));
  return ids.map((id) => layout.varying.map((p) => index.get(id[p]!)!));
}

export interface EntropyEstimate {
  layout: Layout;
  /** Estimated bits per id: the sum over positions. */
  bits: number;
  /** Ids that were handed out more than once. */
  duplicates: number;
  /** Varying positions whose symbols are not uniform over the alphabet. */
  skewed: number;
}

/**
 * Estimate the entropy of an id by position, as Burp Sequencer does: a position whose symbols
 * are consistent with uniform over the alphabet (chi-square, Bonferroni-corrected at
 * `significance`) is worth log2 of the alphabet's size; any other its Miller–Madow-corrected
 * Shannon entropy; a constant position nothing. Positions are taken as independent, so this
 * is an upper bound: ids below the threshold are weak for sure.
 */
export function estimateEntropy(ids: readonly string[], significance: number): EntropyEstimate {
  const layout = layoutOf(ids);
  const size = layout.alphabet.symbols.length;
  const table = counts(symbolRows(ids, layout), size);
  const perPosition = significance / Math.max(layout.varying.length, 1);
  let bits = 0;
  let skewed = 0;
  for (const column of table) {
    if (chiSquareSurvival(chiSquareUniform(column, ids.length), size - 1) >= perPosition) {
      bits += layout.alphabet.bitsPerSymbol;
      continue;
    }
    skewed++;
    let h = 0;
    let present = 0;
    for (const c of column) {
      if (c === 0) continue;
      present++;
      h -= (c / ids.length) * Math.log2(c / ids.length);
    }
    bits += Math.min(h + (present - 1) / (2 * ids.length * Math.LN2), layout.alphabet.bitsPerSymbol);
  }
  return { layout, bits, duplicates: ids.length - new Set(ids).size, skewed };
}

/** One test of the battery. */
export interface TestResult {
  name: string;
  /** The statistic as the report shows it, e.g. `z = 0.42`. */
  statistic: string;
  /** The p-value (for per-position tests, the smallest over positions). */
  p: number;
  /** The p-value below which the test fails: its share of the battery's significance. */
  level: number;
  passed: boolean;
}

export interface Battery {
  layout: Layout;
  /** Bits tested per id (binary alphabets only). */
  bitsPerId: number;
  significance: number;
  tests: TestResult[];
  passed: boolean;
}

/**
 * Run the randomness battery on ids in the order they were issued: monobit and runs over the
 * ids' bits (NIST SP 800-22 2.1, 2.3), chi-square per position, and the same on the XOR of
 * consecutive ids, which turns a counter or a clock into long stretches of zeros. For an
 * alphabet whose size is no power of two the bit tests are left out and consecutive ids are
 * compared by their difference modulo the alphabet's size. The battery's `significance` is
 * split evenly over its tests, and a per-position test's share over the positions (Bonferroni).
 */
export function randomnessBattery(ids: readonly string[], significance: number): Battery {
  const layout = layoutOf(ids);
  const { alphabet } = layout;
  const size = alphabet.symbols.length;
  const rows = symbolRows(ids, layout);
  const consecutive = rows.slice(1).map((row, i) => row.map((s, j) => (alphabet.binary ? s ^ rows[i]![j]! : (s - rows[i]![j]! + size) % size)));
  const planned = alphabet.binary ? 5 : 2;
  const level = significance / planned;
  const width = alphabet.binary ? alphabet.bitsPerSymbol : 0;
  const tests: TestResult[] = [];
  if (layout.varying.length === 0 || consecutive.length === 0) {
    tests.push({ name: "varying positions", statistic: "no position varies between ids", p: 0, level, passed: false });
  } else {
    if (alphabet.binary) tests.push(monobit("monobit", rows, width, level), runs(rows, width, level));
    tests.push(perPosition("chi-square per position", rows, size, level));
    if (alphabet.binary) tests.push(monobit("XOR of consecutive ids: monobit", consecutive, width, level));
    tests.push(perPosition(alphabet.binary ? "XOR of consecutive ids: chi-square per position" : "difference of consecutive ids: chi-square per position", consecutive, size, level));
  }
  return { layout, bitsPerId: layout.varying.length * width, significance, tests, passed: tests.every((t) => t.passed) };
}

/** One pass over the ids' bits, most significant first: how many, how many ones, how many changes. */
function bitStats(rows: readonly number[][], width: number): { n: number; ones: number; changes: number } {
  let n = 0;
  let ones = 0;
  let changes = 0;
  let previous = -1;
  for (const row of rows) {
    for (const symbol of row) {
      for (let b = width - 1; b >= 0; b--) {
        const bit = (symbol >> b) & 1;
        ones += bit;
        if (previous !== -1 && bit !== previous) changes++;
        previous = bit;
      }
    }
    n += row.length * width;
  }
  return { n, ones, changes };
}

/** NIST SP 800-22 2.1, the frequency (monobit) test, over the bits of `rows` (`width` bits per symbol). */
export function monobit(name: string, rows: readonly number[][], width: number, level: number): TestResult {
  const { n, ones } = bitStats(rows, width);
  const z = (2 * ones - n) / Math.sqrt(n);
  const p = normalTwoSided(z);
  return { name, statistic: `z = ${z.toFixed(2)} over ${n} bits`, p, level, passed: p >= level };
}

/** NIST SP 800-22 2.3, the runs test, over the bits of `rows` (`width` bits per symbol). */
export function runs(rows: readonly number[][], width: number, level: number): TestResult {
  const { n, ones, changes } = bitStats(rows, width);
  const pi = ones / n;
  const observed = changes + 1;
  // NIST SP 800-22 2.3.4 (3): when the monobit proportion is far off, the runs test fails outright.
  if (Math.abs(pi - 0.5) >= 2 / Math.sqrt(n)) return { name: "runs", statistic: `V = ${observed}, ones proportion ${pi.toFixed(4)} fails the prerequisite`, p: 0, level, passed: false };
  // NIST's P-value, erfc(|V − 2nπ(1−π)| / (2√(2n)π(1−π))), is P(|Z| ≥ z) for this z.
  const expected = 2 * n * pi * (1 - pi);
  const p = normalTwoSided((observed - expected) / (2 * Math.sqrt(n) * pi * (1 - pi)));
  return { name: "runs", statistic: `V = ${observed} (expected ${expected.toFixed(0)})`, p, level, passed: p >= level };
}

function perPosition(name: string, rows: readonly number[][], size: number, level: number): TestResult {
  const table = counts(rows, size);
  let worst = { position: 0, chi: -1, p: 1 };
  for (const [i, column] of table.entries()) {
    const chi = chiSquareUniform(column, rows.length);
    if (chi > worst.chi) worst = { position: i, chi, p: chiSquareSurvival(chi, size - 1) };
  }
  // The worst position at its share of the level: Bonferroni over the positions.
  const positions = table.length;
  const statistic = `worst χ²(${size - 1}) = ${worst.chi.toFixed(1)} at varying position ${worst.position + 1} of ${positions}, ${rows.length} samples each`;
  return { name, statistic, p: worst.p, level: level / positions, passed: worst.p >= level / positions };
}

/** A p-value as a report shows it. */
export function formatP(p: number): string {
  return p === 0 || p < 1e-300 ? "< 1e-300" : p >= 0.001 ? p.toFixed(3) : p.toExponential(1);
}

/** One line describing a layout: how many ids, positions and which alphabet. */
export function describeLayout(layout: Layout): string {
  const lengths = layout.lengths[0] === layout.lengths[1] ? `${layout.length} characters` : `${layout.lengths[0]}–${layout.lengths[1]} characters (first ${layout.length} analysed)`;
  return `${layout.count} ids of ${lengths}, ${layout.varying.length} varying and ${layout.constant.length} constant positions, ${layout.alphabet.name} alphabet (${layout.alphabet.symbols.length} symbols, ${layout.alphabet.bitsPerSymbol.toFixed(2)} bits each)`;
}

/** SEC-1's figures: the estimate, how it was made, and the threshold. */
export function describeEstimate(estimate: EntropyEstimate, minBits: number, significance: number): string {
  return `estimated ${estimate.bits.toFixed(1)} bits per id (threshold ${minBits}); ${describeLayout(estimate.layout)}; ${estimate.skewed} positions not uniform at α = ${significance}; ${estimate.duplicates} duplicates`;
}

/** SEC-2's figures, one line each: what was tested, then each test's statistic, p-value and level. */
export function describeBattery(battery: Battery): string[] {
  const bits = battery.layout.alphabet.binary ? `${battery.bitsPerId} bits per id tested` : "bit tests left out: the alphabet's size is no power of two";
  const tests = battery.tests.map((t) => `${t.name}: ${t.statistic}, p = ${formatP(t.p)} (fails below ${t.level.toExponential(1)}): ${t.passed ? "pass" : "FAIL"}`);
  return [`${describeLayout(battery.layout)}; ${bits}; α = ${battery.significance} for the battery, split over ${battery.tests.length} tests`, ...tests];
}
