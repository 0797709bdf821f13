import { siteLanguage } from '../guardrails/enforcement/context';
import { createGuardrailValidator, validatorDeps } from '../guardrails/enforcement/validator';
import { licensedValidator } from '../platform/licence';

/**
 * The jira:workflowValidator on the transition into the live status. Without a licence in force it
 * keeps enforcing (platform/licence.ts): a lapsed licence never opens the gate. Imports stay on the
 * validator's zod-free path (context.ts, not deps.ts): test/forge/bundle.test.ts.
 */
export const validateGuardrail = licensedValidator(createGuardrailValidator(), () =>
  siteLanguage(validatorDeps.store)
);
