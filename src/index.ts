import Resolver from '@forge/resolver';
import { createIssueEventHandler } from './guardrails/issue-events';
import { registerGuardrailResolvers } from './guardrails/resolver';
import { createGuardrailSweep } from './guardrails/sweep';
import { createGuardrailValidator } from './guardrails/validator';
import { handleLifecycleEvent, handleProvisioningEvent } from './issue-types/job';
import { registerProvisioningResolvers } from './issue-types/resolver';

/** Only re-exports the handlers manifest.yml names. */

const resolver = new Resolver();
registerProvisioningResolvers(resolver);
registerGuardrailResolvers(resolver);

export const handler = resolver.getDefinitions();
export const onLifecycle = handleLifecycleEvent;
export const runProvisioningJob = handleProvisioningEvent;
export const validateGuardrail = createGuardrailValidator();
export const onIssueEvent = createIssueEventHandler();
export const runGuardrailSweep = createGuardrailSweep();
