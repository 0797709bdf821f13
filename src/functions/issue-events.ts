import { createIssueEventHandler } from '../guardrails/enforcement/issue-events';
import { licensedTrigger } from '../platform/licence';

/** The issue created/updated trigger that repairs the guardrail's JQL copy (while licensed). */
export const onIssueEvent = licensedTrigger(createIssueEventHandler());
