/**
 * Dependence between positions and between consecutive ids: an exact GF(2) rank for linear
 * relations among bits (copies, repeats, XOR with a constant), pairwise chi-square tests for
 * any other relation between two positions, and a lag-1 test per position for counters and
 * clocks. Symbol tables are folded (value mod g) so every cell expects ~10 ids or more.
 */
import { type BitColumn, type Sample, where } from "./sample.ts";
import { chiSquareIndependence, entropyMillerMadow } from "./stats.ts";
import { type Family, FamilyBuilder } from "./tests.ts";

/**
 * Affine rank over GF(2) of `columns` taken in order, the all-ones column first: `adds[i]` is
 * whether column i is no XOR of earlier ones and a constant.
 */
export function affineRank(columns: readonly BitColumn[], count: number): { rank: number; adds: boolean[] } {
  const wordCount = Math.ceil(count / 32);
  const ones = new Uint32Array(wordCount).fill(0xffffffff);
  if (count % 32) ones[wordCount - 1] = (2 ** (count % 32) - 1) >>> 0;
  const basis: Array<{ pivot: number; words: Uint32Array }> = [];
  const insert = (words: Uint32Array): boolean => {
    const v = words.slice();
    for (const b of basis)
      if ((v[b.pivot >>> 5]! >>> (b.pivot & 31)) & 1) for (let i = 0; i < wordCount; i++) v[i]! ^= b.words[i]!;
    const w = v.findIndex((x) => x !== 0);
    if (w < 0) return false;
    basis.push({ pivot: w * 32 + (31 - Math.clz32(v[w]! & -v[w]!)), words: v });
    return true;
  };
  insert(ones);
  const adds = columns.map((c) => insert(c.words));
  return { rank: basis.length - 1, adds };
}

/** Bits of `b` explained by `a` (Shannon, Miller–Madow), from their 2×2 table. */
function bitInformation(a: BitColumn, b: BitColumn, both: number, n: number): number {
  const table = [n - a.ones - b.ones + both, b.ones - both, a.ones - both, both];
  return Math.max(
    0,
    entropyMillerMadow([n - b.ones, b.ones]) - (entropyMillerMadow(table) - entropyMillerMadow([n - a.ones, a.ones])),
  );
}

/** Bit pairs from different positions: a 2×2 chi-square each. Finding.subject/partner are column indices. */
export function bitPairs(
  sample: Sample,
  columns: readonly BitColumn[],
  level: number,
): { family: Family; information: Map<number, number> } {
  const n = sample.count;
  let members = 0;
  for (let i = 0; i < columns.length; i++)
    for (let j = 0; j < i; j++) if (columns[i]!.position !== columns[j]!.position) members++;
  const builder = new FamilyBuilder(
    "related bits (pairs of bits at different characters, χ² of their 2×2 table)",
    "positions depend on each other (repeated, copied or derived data)",
    members,
    level,
  );
  const information = new Map<number, number>();
  const label = (c: BitColumn) => `bit ${c.bit} of ${where(sample, c.position)}`;
  for (let j = 1; j < columns.length; j++) {
    const b = columns[j]!;
    const bw = b.words;
    for (let i = 0; i < j; i++) {
      const a = columns[i]!;
      if (a.position === b.position) continue;
      // Ids with both bits set: a popcount of the AND, inlined (this loop runs m²/2 times).
      const aw = a.words;
      let both = 0;
      for (let w = 0; w < aw.length; w++) {
        let x = aw[w]! & bw[w]!;
        x -= (x >>> 1) & 0x55555555;
        x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
        both += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
      }
      const cov = n * both - a.ones * b.ones;
      const statistic = (n * cov * cov) / (a.ones * (n - a.ones) * b.ones * (n - b.ones));
      if (!builder.matters(statistic, 1)) continue;
      const before = builder.family.flagged.length;
      builder.add(statistic, 1, () => ({ what: `${label(b)} and ${label(a)}`, subject: j, partner: i }));
      if (builder.family.flagged.length > before)
        information.set(j, Math.max(information.get(j) ?? 0, bitInformation(a, b, both, n)));
    }
  }
  return { family: builder.family, information };
}

/** Symbols folded per position so that a g × g table expects ~10 ids per cell. */
export function folding(sample: Sample, count: number): number {
  const bound = Math.max(2, Math.floor(Math.sqrt(count / 10)));
  return sample.alphabet.binary ? 2 ** Math.floor(Math.log2(bound)) : bound;
}

export function foldedTable(a: Uint8Array, b: Uint8Array, ga: number, gb: number, lag: number): Uint32Array {
  const table = new Uint32Array(ga * gb);
  for (let i = lag; i < b.length; i++) table[(a[i - lag]! % ga) * gb + (b[i]! % gb)]!++;
  return table;
}

/** Conditional entropy (bits) of position b given position a, over their full table. */
function conditionalEntropy(a: Uint8Array, ka: number, b: Uint8Array, kb: number): number {
  const joint = foldedTable(a, b, ka, kb, 0);
  const marginal = new Uint32Array(ka);
  for (const v of a) marginal[v]!++;
  return Math.max(0, entropyMillerMadow(joint) - entropyMillerMadow(marginal));
}

/** Pairs of positions (for alphabets without a bit layout): folded chi-square of independence. */
export function symbolPairs(sample: Sample, level: number): { family: Family; conditional: Map<number, number> } {
  const g = folding(sample, sample.count);
  const ps = sample.positions;
  const members = (ps.length * (ps.length - 1)) / 2;
  const builder = new FamilyBuilder(
    "related characters (pairs of characters, χ² of their folded table)",
    "positions depend on each other (repeated, copied or derived data)",
    members,
    level,
    `symbols folded mod ${g}`,
  );
  const conditional = new Map<number, number>();
  for (let j = 1; j < ps.length; j++) {
    for (let i = 0; i < j; i++) {
      const [ga, gb] = [Math.min(g, ps[i]!.size), Math.min(g, ps[j]!.size)];
      const statistic = chiSquareIndependence(foldedTable(ps[i]!.values, ps[j]!.values, ga, gb, 0), ga, gb);
      const before = builder.family.flagged.length;
      builder.add(statistic, (ga - 1) * (gb - 1), () => ({
        what: `${where(sample, j)} and ${where(sample, i)}`,
        subject: j,
        partner: i,
      }));
      if (builder.family.flagged.length > before) {
        const h = conditionalEntropy(ps[i]!.values, ps[i]!.size, ps[j]!.values, ps[j]!.size);
        conditional.set(j, Math.min(conditional.get(j) ?? Infinity, h));
      }
    }
  }
  return { family: builder.family, conditional };
}
