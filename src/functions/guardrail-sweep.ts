import { createGuardrailSweep } from '../guardrails/enforcement/sweep';
import { licensedTrigger, scheduledTrigger } from '../platform/licence';

/**
 * The hourly scheduled sweep: escalations, reminders, expiries, copies after a policy change.
 * Skipped while the licence has lapsed (licensedTrigger): it mails people and writes to issues.
 */
export const runGuardrailSweep = scheduledTrigger('guardrail sweep', licensedTrigger(createGuardrailSweep()));
