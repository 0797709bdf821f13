import { createIssueEventHandler } from '../guardrails/enforcement/issue-events';

/** The issue created/updated trigger that repairs the guardrail's JQL copy. */
export const onIssueEvent = createIssueEventHandler();
