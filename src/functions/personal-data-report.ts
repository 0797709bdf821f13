import { createPersonalDataJob } from '../privacy/job';

/** Daily scheduled trigger: reports stored account ids once per 7-day cycle, erases closed ones. */
export const runPersonalDataReport = createPersonalDataJob();
