import type { RetroPerson, RetroView } from '../contract/retro';
import { jiraAsApp } from '../platform/jira';
import { retroJiraAsApp } from '../platform/jira-retro';
import { macroInstanceFrom, macroStorageKey } from '../platform/macro';
import { forgeStore } from '../platform/store';
import { isOverdue, type StatusCategory } from './domain/actions';
import { defaultDueDate, parseConfig } from './domain/model';
import { boardAnswer, load, type RetroScope } from './service';
import { retroExportDoc } from './export';
import { todayFor } from './view';

type Fields = Record<string, unknown>;
const obj = (v: unknown): Fields | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Fields) : null;

/**
 * What a PDF or Word export of the page shows in place of the live macro (the macro's `adfExport`
 * function). Some exports run without a user, so this reads as the app, and only what belongs to
 * this page's macro instance: its cards as any viewer would see them (none hidden text while cards
 * are added, no authors when anonymous), and the actions it created with their Jira status. No
 * figures and no other retro's actions: those are searches a viewer's own permissions decide.
 */
export async function exportRetro(event: unknown, invocation?: unknown): Promise<unknown> {
  const input = obj(event) ?? {};
  // Where Confluence puts the macro's context is not documented offline (docs/architecture.md):
  // the payload's `context`, else the invocation's context, else the payload itself.
  const second = obj(invocation);
  const context = obj(input.context) ?? (second && obj(second.extension) ? second : input);
  const instance = macroInstanceFrom(context);
  const parsed = parseConfig(instance.config);
  const config = parsed.ok
    ? parsed.config
    : (parseConfig({}) as { ok: true; config: RetroView['config'] }).config;
  const lang = typeof context.locale === 'string' && /^fr/i.test(context.locale) ? 'fr' : 'en';
  const scope: RetroScope = {
    store: forgeStore,
    key: (...parts) => macroStorageKey('retro', instance, ...parts),
    // Nobody in particular: the export shows what every viewer sees, nobody's own hidden cards.
    caller: { accountId: '' },
    canEdit: false,
    config,
    channel: '',
    publish: () => Promise.resolve(),
    now: () => new Date(),
    people: () => Promise.resolve({})
  };
  const loaded = await load(scope);
  const board = await boardAnswer(scope, loaded);
  const ids = loaded.actions.map((a) => a.issueId).filter((id) => /^[0-9]{1,18}$/.test(id));
  const statuses = new Map<string, { name: string; category: StatusCategory }>();
  if (ids.length > 0) {
    const issues = await retroJiraAsApp().search(
      `id in (${ids.slice(0, 100).join(', ')})`,
      ['status'],
      [],
      100
    );
    for (const issue of issues) {
      const status = obj(issue.fields?.status);
      const key = obj(status?.statusCategory)?.key;
      statuses.set(issue.id, {
        name: typeof status?.name === 'string' ? status.name : '',
        category: key === 'done' ? 'done' : key === 'indeterminate' ? 'indeterminate' : 'new'
      });
    }
  }
  const owners = [...new Set(loaded.actions.map((a) => a.owner))];
  const people: Record<string, RetroPerson> = {};
  if (owners.length > 0)
    for (const u of await jiraAsApp().usersByIds(owners))
      people[u.accountId] = { displayName: u.displayName ?? '', avatarUrl: null };
  const today = todayFor(new Date(), undefined);
  const view: RetroView = {
    ...board,
    people,
    config,
    project: null,
    today,
    defaultDue: defaultDueDate(config, today),
    actions: loaded.actions.map((a) => {
      const status = statuses.get(a.issueId) ?? null;
      return {
        id: a.id,
        issueId: a.issueId,
        issueKey: a.issueKey,
        summary: a.summary,
        owner: a.owner,
        due: a.due,
        cardId: a.cardId,
        status,
        overdue: isOverdue(a.due, status?.category ?? 'new', today)
      };
    }),
    carriedOver: [],
    figures: null,
    joint: null,
    notices: [],
    canCreateIssues: false
  };
  return retroExportDoc(view, lang);
}
