import pkg from "../package.json" with { type: "json" };

/** The reference server ships with the suite and shares its version. */
export const REFERENCE_VERSION: string = pkg.version;
