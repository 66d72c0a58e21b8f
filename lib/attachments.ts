/**
 * Media types of the attachments a scenario leaves for the runner: the steps attach them,
 * the runner reads them off cucumber's messages.
 */

/** Why a scenario does not apply to a target. */
export const NOT_APPLICABLE = "text/x.session-conformance.not-applicable";
/** A scenario's wire transcript. */
export const TRANSCRIPT = "text/x.session-conformance.transcript";
/** Figures a scenario measured (statistics, timings), shown in reports. */
export const MEASUREMENT = "text/x.session-conformance.measurement";
/** One case of a scenario and how it ended, as JSON `{ id, title, passed, detail? }`. */
export const CASE = "application/x.session-conformance.case+json";
