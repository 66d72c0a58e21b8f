/** Media type of the attachment that says why a scenario is not applicable to a target. */
export const NOT_APPLICABLE = "text/x.session-conformance.not-applicable";
/** Media type of the attachment that holds a scenario's wire transcript. */
export const TRANSCRIPT = "text/x.session-conformance.transcript";
/** Media type of figures a scenario measured (statistics, timings), shown in reports. */
export const MEASUREMENT = "text/x.session-conformance.measurement";
