import Resolver from '@forge/resolver';
import { registerGuardrailResolvers } from './guardrails/resolver';
import { handleLifecycleEvent, handleProvisioningEvent } from './issue-types/job';
import { registerProvisioningResolvers } from './issue-types/resolver';

/** Only re-exports the handlers manifest.yml names. */

const resolver = new Resolver();
registerProvisioningResolvers(resolver);
registerGuardrailResolvers(resolver);

export const handler = resolver.getDefinitions();
export const onLifecycle = handleLifecycleEvent;
export const runProvisioningJob = handleProvisioningEvent;
