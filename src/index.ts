import Resolver from '@forge/resolver';
import { registerGuardrailAdminResolvers } from './guardrails/admin-resolver';
import { createIssueEventHandler } from './guardrails/issue-events';
import { registerGuardrailPanelResolvers } from './guardrails/panel-resolver';
import { createGuardrailSweep } from './guardrails/sweep';
import { createGuardrailValidator } from './guardrails/validator';
import { registerProvisioningResolvers } from './issue-types/admin-resolver';
import { handleLifecycleEvent, handleProvisioningEvent } from './issue-types/job';

/** Only re-exports the handlers manifest.yml names. */

// One resolver function per surface: each registers only its own surface's keys.
const issuePanel = new Resolver();
registerGuardrailPanelResolvers(issuePanel);

const adminPage = new Resolver();
registerProvisioningResolvers(adminPage);
registerGuardrailAdminResolvers(adminPage);

export const issuePanelResolver = issuePanel.getDefinitions();
export const adminPageResolver = adminPage.getDefinitions();
export const onLifecycle = handleLifecycleEvent;
export const runProvisioningJob = handleProvisioningEvent;
export const validateGuardrail = createGuardrailValidator();
export const onIssueEvent = createIssueEventHandler();
export const runGuardrailSweep = createGuardrailSweep();
