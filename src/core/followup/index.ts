/** The budget follow-up (docs/followup.md): what engine.ts and the hosts use of it. */
export { FOLLOWUP_CHECKS, MAX_ROW_FINDINGS } from "./checks";
export { followUpJson } from "./json";
export { followUp, type FollowUpResult } from "./model";
export { FOLLOWUP_DEFAULTS, FOLLOWUP_PARAMS, FOLLOWUP_TABLES } from "./read";
export type { FollowUp, FollowUpCost, FollowUpFinancing, FollowUpInKind, FollowUpJson, FollowUpParams, FollowUpPayment } from "./types";
