import { handleLifecycleEvent } from '../issue-types/job';

/** The install/upgrade trigger. */
export const onLifecycle = handleLifecycleEvent;
