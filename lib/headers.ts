/** A header's values as a list, whatever shape the HTTP client gave them in. */
export function headerList(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === "string" ? [value] : [...value];
}

/** Comma-separated list members of a header (RFC 9110 5.6.1), trimmed, empty ones dropped. */
export function listMembers(value: string | readonly string[] | undefined): string[] {
  return headerList(value)
    .flatMap((v) => v.split(","))
    .map((member) => member.trim())
    .filter((member) => member !== "");
}
