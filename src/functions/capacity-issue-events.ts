import { createLaneEventHandler } from '../capacity/enforcement/issue-events';

/** The issue created/updated trigger that keeps the tandemLane copy current. */
export const onCapacityIssueEvent = createLaneEventHandler();
