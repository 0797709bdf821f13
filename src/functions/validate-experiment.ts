import { defaultCapacityDeps, siteLanguage } from '../capacity/enforcement/deps';
import { createExperimentsGate } from '../capacity/enforcement/experiments-gate';
import { licensedValidator } from '../platform/licence';

/**
 * The jira:workflowValidator on the transition into an Experiment's in-progress status. Without a
 * licence in force it keeps enforcing, like the guardrail (platform/licence.ts).
 */
export const validateExperiment = licensedValidator(createExperimentsGate(), () =>
  siteLanguage(defaultCapacityDeps.store)
);
