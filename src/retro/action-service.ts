import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, InvalidInputError, PlatformError } from '../platform/errors';
import type { RetroJira, RetroProject } from '../platform/jira-retro';
import { requireStorable } from '../platform/store';
import { checkAction, RETRO_ACTION_LABEL, type ActionRecord } from './domain/actions';
import { defaultDueDate } from './domain/model';
import { allowedIn } from './domain/phases';
import { fallbackType, retroActionType } from './jira-reads';
import { CardSchema, PARTS, RECORD_HEADROOM_BYTES, StateSchema } from './records';
import { phaseOf, type RetroScope } from './service';
import { todayFor } from './view';

export interface ActionInput {
  cardId: string | null;
  summary: string;
  owner: string | null;
  due: string | null;
}

export interface PageLink {
  url: string;
  title: string;
}

/**
 * A card (or a decision) becomes a Jira issue, created as the caller: a Retro Action once the
 * types are set up, else a Task, always labelled `retro-action` (how later retros find it), with
 * its owner as assignee and its due date, linked back to the page. Everything is checked before
 * Jira is called; the action record is written only once Jira has created the issue.
 */
export async function createAction(
  scope: RetroScope,
  jira: RetroJira,
  input: ActionInput,
  requireCreate: (project: RetroProject) => Promise<void>,
  page: PageLink | null
): Promise<ActionRecord> {
  if (!scope.canEdit) throw new ForbiddenError('Only people who can edit this page can create actions');
  const state = await scope.store.get(scope.key(...PARTS.state), StateSchema);
  const phase = phaseOf(state);
  if (!allowedIn('createAction', phase))
    throw new InvalidInputError(
      `phase: the retro is in the "${phase}" phase; actions are decided in the "discuss" phase`,
      'phase'
    );
  if (!scope.config.projectKey)
    throw new InvalidInputError(
      'config.projectKey: the retro names no Jira project for its actions',
      'config.projectKey'
    );
  const today = todayFor(scope.now(), scope.caller.timezone);
  const checked = checkAction(input, defaultDueDate(scope.config, today), today);
  if (!checked.ok) throw new InvalidInputError(checked.message, checked.field);
  if (input.cardId !== null && !(await scope.store.get(scope.key(...PARTS.card(input.cardId)), CardSchema)))
    throw new InvalidInputError('cardId: no such card on this retro (it may have been deleted)', 'cardId');

  const project = await jira.projectByKey(scope.config.projectKey);
  if (!project) throw new ForbiddenError(`You cannot see the Jira project ${scope.config.projectKey}`);
  await requireCreate(project);
  const typeId = (await retroActionType(scope.store, project)) ?? fallbackType(project);
  if (!typeId)
    throw new InvalidInputError(
      'config.projectKey: the project offers no issue type for actions',
      'config.projectKey'
    );

  const draft: ActionRecord = {
    id: randomUUID(),
    issueId: '0',
    issueKey: 'X-0',
    summary: checked.action.summary,
    owner: checked.action.owner,
    due: checked.action.due,
    cardId: input.cardId,
    createdBy: scope.caller.accountId,
    createdAt: scope.now().toISOString()
  };
  requireStorable(draft, 'summary', RECORD_HEADROOM_BYTES);

  let created: { id: string; key: string };
  try {
    created = await jira.createIssue({
      projectId: project.id,
      issueTypeId: typeId,
      summary: checked.action.summary,
      owner: checked.action.owner,
      due: checked.action.due,
      labels: [RETRO_ACTION_LABEL],
      description: {
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: page ? `Retro action from “${page.title}”` : 'Retro action' }]
          }
        ]
      }
    });
  } catch (error) {
    // Jira names the field it refused (an owner who cannot be assigned, a due date it rejects).
    if (error instanceof PlatformError && error.kind === 'bad-request') {
      const owner = error.details.jiraMessages?.find((m) => m.startsWith('assignee'));
      if (owner) throw new InvalidInputError(`owner: Jira refused this owner (${owner})`, 'owner');
      throw new InvalidInputError(
        `summary: Jira refused the action (${(error.details.jiraMessages ?? []).join('; ')})`,
        'summary'
      );
    }
    if (error instanceof PlatformError && error.kind === 'forbidden')
      throw new ForbiddenError(`You cannot create issues in ${project.key}`);
    throw error;
  }
  const record: ActionRecord = { ...draft, issueId: created.id, issueKey: created.key };
  if (!(await scope.store.setIfAbsent(scope.key(...PARTS.action(record.id)), record)))
    throw new ConflictError('The action was created in Jira but not recorded; reload');
  if (page) {
    // The link back is a convenience: the issue and its record stand without it.
    await jira
      .linkToPage(created.id, page.url, page.title, `tandem-retro=${record.id}`)
      .catch((error: unknown) =>
        console.warn('retro action not linked to its page', error instanceof Error ? error.message : error)
      );
  }
  await scope.publish({ what: 'actions', at: scope.now().toISOString() });
  return record;
}
