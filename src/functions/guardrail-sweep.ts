import { createGuardrailSweep } from '../guardrails/enforcement/sweep';

/** The hourly scheduled sweep: escalations, reminders, expiries, copies after a policy change. */
export const runGuardrailSweep = createGuardrailSweep();
