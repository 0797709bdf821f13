import { jiraAsApp } from '../../platform/jira';
import { forgeStore } from '../../platform/store';
import { logToConsole, type EnforcementDeps } from './context';

export { describeError, isoDay, siteLanguage, type EnforcementDeps } from './context';

/**
 * What the guardrail's enforcement (validator, property copies, notifications, trigger, sweep)
 * runs on. The entry files in src/functions use the real ones; tests pass their own clock.
 */
export const defaultDeps: EnforcementDeps = {
  store: forgeStore,
  jira: (retry) => jiraAsApp(retry),
  now: () => new Date(),
  log: logToConsole
};
