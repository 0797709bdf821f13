import { createLaneEventHandler } from '../capacity/enforcement/issue-events';
import { licensedTrigger } from '../platform/licence';

/** The issue created/updated trigger that keeps the tandemLane copy current (while licensed). */
export const onCapacityIssueEvent = licensedTrigger(createLaneEventHandler());
