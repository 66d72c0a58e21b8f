/** How binding a requirement is (RFC 2119). */
export type Level = "MUST" | "SHOULD" | "MAY";
export const LEVELS: readonly Level[] = ["MUST", "SHOULD", "MAY"];
