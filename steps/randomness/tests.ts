/**
 * The tests' common shape: a family of like tests (one per position, pair of positions, ...)
 * judged together at one level, Bonferroni-corrected over its members, so a perfect generator
 * fails the family with probability at most its level.
 */
import { chiSquareCritical, chiSquareSurvival, formatP } from "./stats.ts";

/** One member that passed its share of the level no more. */
export interface Finding {
  /** What was seen, e.g. "character 17 repeats character 1". */
  what: string;
  statistic: number;
  df: number;
  p: number;
  /** Index of the position (or bit column) judged, and the one it depends on if any. */
  subject: number;
  partner?: number;
  /** The statistic as shown, when it is no chi-square (a rank, a count). */
  shown?: string;
}

export interface Family {
  name: string;
  /** The defect a failure names, for the reason line. */
  defect: string;
  members: number;
  level: number;
  /** The member with the smallest p-value. */
  worst?: Finding;
  /** Members below level / members. */
  flagged: Finding[];
  /** Extra words for the figures, e.g. the grouping used. */
  note?: string;
}

/** Collects a family's members; the critical value per df is computed once, p-values only for the worst and the flagged. */
export class FamilyBuilder {
  private readonly critical = new Map<number, number>();
  private worstScore = -Infinity;
  readonly family: Family;

  constructor(name: string, defect: string, members: number, level: number, note?: string) {
    this.family = { name, defect, members, level, flagged: [], ...(note ? { note } : {}) };
  }

  /** Whether `add` would record this member (cheap: lets hot loops skip building its description). */
  matters(statistic: number, df: number): boolean {
    return statistic >= this.criticalFor(df) || (statistic - df) / Math.sqrt(2 * df) > this.worstScore;
  }

  private criticalFor(df: number): number {
    let critical = this.critical.get(df);
    if (critical === undefined) {
      critical = chiSquareCritical(this.family.level / Math.max(this.family.members, 1), df);
      this.critical.set(df, critical);
    }
    return critical;
  }

  add(statistic: number, df: number, describe: () => Omit<Finding, "statistic" | "df" | "p">): void {
    if (df <= 0) return;
    const critical = this.criticalFor(df);
    // Compare members of different df by how far past their critical value they stand.
    const score = (statistic - df) / Math.sqrt(2 * df);
    const flagged = statistic >= critical;
    if (!flagged && score <= this.worstScore) return;
    const finding = { ...describe(), statistic, df, p: chiSquareSurvival(statistic, df) };
    if (flagged) this.family.flagged.push(finding);
    if (score > this.worstScore) {
      this.worstScore = score;
      this.family.worst = finding;
    }
  }
}

export function passed(family: Family): boolean {
  return family.flagged.length === 0;
}

/** One report line for a family. */
export function describeFamily(family: Family): string {
  const w = family.worst;
  const statistic = w ? (w.shown ?? `χ²(${w.df}) = ${w.statistic.toFixed(1)}`) : "";
  const worst = w
    ? `${family.members > 1 ? "worst " : ""}${w.what}: ${statistic}, p = ${formatP(w.p)}`
    : "nothing to test";
  const verdict = passed(family) ? "pass" : `FAIL (${family.flagged.length} of ${family.members} below)`;
  const note = family.note ? `; ${family.note}` : "";
  return `${family.name}: ${family.members} test${family.members === 1 ? "" : "s"}, ${worst}; fails below p = ${(family.level / Math.max(family.members, 1)).toExponential(1)}${note}: ${verdict}`;
}
