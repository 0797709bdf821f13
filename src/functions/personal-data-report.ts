import { scheduledTrigger } from '../platform/licence';
import { createPersonalDataJob } from '../privacy/job';

/**
 * Daily scheduled trigger: reports stored account ids once per 7-day cycle, erases closed ones.
 * Runs whatever the licence: Atlassian's personal-data reporting is owed for data Tandem holds.
 */
export const runPersonalDataReport = scheduledTrigger('personal data report', createPersonalDataJob());
