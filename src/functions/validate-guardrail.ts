import { defaultDeps, siteLanguage } from '../guardrails/enforcement/deps';
import { createGuardrailValidator } from '../guardrails/enforcement/validator';
import { licensedValidator } from '../platform/licence';

/**
 * The jira:workflowValidator on the transition into the live status. Without a licence in force it
 * keeps enforcing (platform/licence.ts): a lapsed licence never opens the gate.
 */
export const validateGuardrail = licensedValidator(createGuardrailValidator(), () =>
  siteLanguage(defaultDeps.store)
);
