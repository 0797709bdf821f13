import { handleProvisioningEvent } from '../issue-types/job';

/** The provisioning queue's consumer. */
export const runProvisioningJob = handleProvisioningEvent;
