import { z } from 'zod';
import { defaultDeps, type EnforcementDeps } from './deps';
import { isGuardrailIssueType } from '../issue-context';
import { currentPolicy } from '../policy-current';
import { syncProperty } from './publish';
import { loadIssueState, viewOf } from '../issue-state';
import { lazySchema } from '../../contract/lazy-schema';

/**
 * The `avi:jira:created:issue` / `avi:jira:updated:issue` trigger (ignoreSelf): on a Landing Page
 * or Web Form issue it recomputes the guardrail from the app's records and puts the issue property
 * back when someone (or something) changed it. Idempotent: when the copy already matches, it
 * writes nothing, so replaying an event costs one read.
 */

const IssueEventSchema = lazySchema(() =>
  z.object({
    issue: z.object({
      id: z.string().regex(/^[0-9]{1,18}$/),
      fields: z
        .object({
          issuetype: z
            .object({ id: z.string().optional(), name: z.string().optional() })
            .nullable()
            .optional()
        })
        .optional()
    })
  })
);

export type IssueEventOutcome = 'ignored' | 'written' | 'unchanged' | 'failed';

export function createIssueEventHandler(
  deps: EnforcementDeps = defaultDeps
): (event: unknown) => Promise<IssueEventOutcome> {
  return async (event) => {
    const parsed = IssueEventSchema.safeParse(event);
    if (!parsed.success) return 'ignored';
    const { issue } = parsed.data;
    try {
      if (!(await isGuardrailIssueType(deps.store, issue.fields?.issuetype ?? undefined))) return 'ignored';
      const policy = await currentPolicy(deps.store);
      const state = viewOf(await loadIssueState(deps.store, issue.id, policy), deps.now(), policy);
      return await syncProperty(deps, issue.id, state);
    } catch (error) {
      // The copy is only for search; the hourly sweep and the next event try again.
      deps.log(`issue ${issue.id}: could not repair the guardrail issue property`, error);
      return 'failed';
    }
  };
}
