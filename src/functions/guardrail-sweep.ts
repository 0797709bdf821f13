import { createGuardrailSweep } from '../guardrails/sweep';

/** The hourly scheduled sweep: escalations, reminders, expiries, copies after a policy change. */
export const runGuardrailSweep = createGuardrailSweep();
