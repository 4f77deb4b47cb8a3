/** The budget follow-up (docs/followup.md): what engine.ts and the hosts use of it. */
export { FOLLOWUP_CHECKS } from "./checks";
export { followUpJson } from "./json";
export { followUp } from "./model";
export type { FollowUp, FollowUpCost } from "./types";
