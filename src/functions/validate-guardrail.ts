import { createGuardrailValidator } from '../guardrails/enforcement/validator';

/** The jira:workflowValidator on the transition into the live status. */
export const validateGuardrail = createGuardrailValidator();
