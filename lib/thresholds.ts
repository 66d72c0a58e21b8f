/**
 * The run's parameters for the measured requirements (SEC, ROBUST, CONC): sample sizes,
 * thresholds and the significance level. The runner passes them as a world parameter and
 * writes them to results.json; every scenario that uses one shows its value in its figures.
 */
// A type, not an interface, so it passes as cucumber's JSON world parameters.
export type Thresholds = {
  /** SEC-1, SEC-2: session ids collected from fresh visitors (ASVS asks for evidence on ≥ 1,000). */
  entropySamples: number;
  /** SEC-1: the least entropy a session id may carry, in bits (ASVS 5.0 7.2.3). */
  minEntropyBits: number;
  /** SEC-1: one minus the confidence of its lower bound on the ids' entropy. */
  significance: number;
  /** SEC-2: the chance, over its whole battery, of failing a perfect generator. */
  structureSignificance: number;
  /** SEC-1, SEC-2: fresh visits in flight at once while collecting ids. */
  collectParallelism: number;
  /** CONC-1, CONC-2: requests sent at the same instant in one session. */
  parallel: number;
  /** CONC-2: how many such bursts; a lost update that shows only sometimes is caught by one of them. */
  bursts: number;
  /** CONC-3: first visits sent at once, each from a client of its own. */
  firstVisits: number;
  /** ROBUST-3: size of the oversized Cookie header, in bytes. */
  oversizedCookieBytes: number;
  /** SEC-5: how long the slow page holds the session, in milliseconds. */
  slowMs: number;
};

/** Defaults: sized so the whole suite against the reference stays within a few seconds. */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  entropySamples: 1000,
  minEntropyBits: 128,
  significance: 0.001,
  structureSignificance: 0.001,
  collectParallelism: 16,
  parallel: 50,
  bursts: 4,
  firstVisits: 100,
  oversizedCookieBytes: 64 * 1024,
  slowMs: 250,
});

/** What `--thorough` raises: FIPS 140-2 sized samples (20,000 ids) and heavier bursts. */
export const THOROUGH_THRESHOLDS: Readonly<Partial<Thresholds>> = Object.freeze({
  entropySamples: 20_000,
  parallel: 200,
  bursts: 10,
  firstVisits: 500,
  slowMs: 1000,
});

/**
 * The parameters of a run: the defaults, raised by `--thorough`, then any explicit values.
 * @param thorough - raise the sample sizes
 * @param overrides - explicit values, e.g. from a test
 */
export function thresholdsFor(thorough = false, overrides: Partial<Thresholds> = {}): Thresholds {
  return { ...DEFAULT_THRESHOLDS, ...(thorough ? THOROUGH_THRESHOLDS : {}), ...overrides };
}

/**
 * SEC-2's α where a verdict gates (the matrix, the self-test's controls): about thirty SEC-2
 * judgements per `npm test` at 0.001 would fail a correct server somewhere in 3% of runs.
 */
export const GATED_STRUCTURE_SIGNIFICANCE = 1e-5;
