import { createExperimentsGate } from '../capacity/enforcement/experiments-gate';

/** The jira:workflowValidator on the transition into an Experiment's in-progress status. */
export const validateExperiment = createExperimentsGate();
