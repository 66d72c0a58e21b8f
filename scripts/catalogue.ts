// Regenerate the README's requirement catalogue from lib/catalogue.ts.
import { readFile, writeFile } from "node:fs/promises";
import { withCatalogue } from "../runner/reports/catalogue.ts";

const readme = new URL("../README.md", import.meta.url);
await writeFile(readme, withCatalogue(await readFile(readme, "utf8")));
