import type {
  BacklogView,
  ConfigOptions,
  ExperimentCheck,
  ExperimentCreated,
  IdeaAnswer,
  IdeaView
} from '../../src/contract/ideas';
import { IDEAS_KEYS } from '../../src/contract/ideas';
import type { Result } from '../../src/contract/result';
import type { IssueDoc } from '../../preview/backend/types';
import { STATUSES } from '../../preview/backend/catalog';
import { exportBacklog } from '../../src/ideas/export-handler';
import { adfErrors } from '../support/adf';
import { ideaIssue, ideasSeed, macroContext } from '../support/ideas-site';
import { USERS } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';

/**
 * The idea backlog's resolvers end to end: the app's real handlers on the embedded Jira and
 * Confluence (every exchange checked against Atlassian's OpenAPI documents) and the embedded KVS.
 * Marketing (requester) edits the page and creates issues; the approver views the page only;
 * Emma edits the page but only browses the Jira project; the outsider sees neither.
 */

const editor = USERS.requester.accountId;
const colleague = USERS.admin.accountId;
const viewer = USERS.approver.accountId;
const pageEditorNoCreate = USERS.browseOnly.accountId;
const outsider = USERS.outsider.accountId;

let t: TestSite;
let projectId: string;
let config: Record<string, unknown>;

afterEach(() => {
  t.expectClean();
  t.close();
});

function setup(extra: Parameters<typeof ideasSeed>[0] = []): void {
  t = createTestSite(
    ideasSeed([
      ideaIssue('Quiz on the home page', { impact: 2, confidence: 80, ease: 6 }),
      ideaIssue('Chatbot for repairs', { impact: 3, confidence: 50, ease: 2 }),
      ideaIssue('Store pages', { impact: 1, ease: 9 }),
      ...extra
    ])
  );
  projectId = t.site.projectByKey('MKT')!.id;
  config = { projectId, model: 'ICE', cadenceDays: 14 };
}

const idOf = (summary: string) =>
  t.site.docs.all<IssueDoc>('issues').find((doc) => doc.summary === summary)!.id;

function call<T>(accountId: string, key: string, payload: unknown = {}, cfg = config): Promise<Result<T>> {
  return t.asUser(accountId).invoke<Result<T>>(key, payload, macroContext(cfg));
}

async function must<T>(accountId: string, key: string, payload: unknown = {}, cfg = config): Promise<T> {
  const result = await call<T>(accountId, key, payload, cfg);
  if (!result.ok) throw new Error(`${key}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function backlog(accountId = editor): Promise<Extract<BacklogView, { state: 'ready' }>> {
  const view = await must<BacklogView>(accountId, IDEAS_KEYS.view);
  if (view.state !== 'ready') throw new Error('backlog not configured');
  return view;
}
const ideaIn = (view: { ideas: IdeaView[] }, summary: string) =>
  view.ideas.find((i) => i.summary === summary)!;
const published = (change: string) =>
  t.runtime.realtime.published.filter(
    (e) => (JSON.parse(e.payload) as { change?: string }).change === change
  );
const ideaRecords = () =>
  Object.keys(t.site.kvs.dump()).filter((key) => key.startsWith('tandem:macro:ideas:'));

describe('ideas/view (view permission on the page)', () => {
  it('shows the ideas with absolute scores, highest first, and "not scored" with the missing input', async () => {
    setup();
    const view = await backlog();
    expect(view.ideas.map((i) => [i.summary, i.score])).toEqual([
      ['Quiz on the home page', { scored: true, value: 9.6 }],
      ['Chatbot for repairs', { scored: true, value: 3 }],
      ['Store pages', { scored: false, missing: ['confidence'], invalid: [] }]
    ]);
    expect(view.ideas.every((i) => i.stage === 'captured' && i.source === 'webinar')).toBe(true);
    expect(view.stages.map((s) => [s.name, s.stage])).toEqual([
      ['To Do', 'captured'],
      ['In Progress', 'reviewing'],
      ['In Review', 'reviewing'],
      ['Done', 'adopted']
    ]);
    expect(view).toMatchObject({
      canEdit: true,
      canCreate: true,
      ideaTypeFound: true,
      experimentTypeFound: true
    });
  });

  it('lets a page viewer read but not write, and refuses whoever cannot view the page', async () => {
    setup();
    expect(await backlog(viewer)).toMatchObject({ canEdit: false, canCreate: false });
    const refused = await call(outsider, IDEAS_KEYS.view);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('says "not set up" for a new macro, and names the setting at fault in a bad one', async () => {
    setup();
    expect(await must(editor, IDEAS_KEYS.view, {}, {})).toEqual({ state: 'unconfigured', canEdit: true });
    expect(await call(editor, IDEAS_KEYS.view, {}, { projectId, cadenceDays: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'config.cadenceDays' }
    });
    expect(await call(editor, IDEAS_KEYS.view, {}, { projectId, jql: 'labels = = idea' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'config.jql' }
    });
  });
});

describe('ideas/capture (edit the page, create issues in the project)', () => {
  it('creates a Strategic Idea as the caller with its source label and notes', async () => {
    setup();
    const answer = await must<IdeaAnswer>(editor, IDEAS_KEYS.capture, {
      summary: 'Podcast with ambassadors',
      source: 'community',
      notes: 'Heard at the user group.'
    });
    expect(answer.idea).toMatchObject({
      summary: 'Podcast with ambassadors',
      source: 'community',
      stage: 'captured'
    });
    const doc = t.site.docs.get<IssueDoc>('issues', answer.idea.id)!;
    expect(doc.reporter).toBe(editor);
    expect(doc.labels).toEqual(['idea', 'source-community']);
    expect(published('captured')).toHaveLength(1);
  });

  it('refuses a page viewer, a page editor without Create issues, and an empty title, creating nothing', async () => {
    setup();
    const before = t.site.docs.all('issues').length;
    expect(await call(viewer, IDEAS_KEYS.capture, { summary: 'x', source: 'event' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    const noCreate = await call(pageEditorNoCreate, IDEAS_KEYS.capture, { summary: 'x', source: 'event' });
    expect(noCreate.ok ? null : [noCreate.error.code, noCreate.error.message]).toEqual([
      'FORBIDDEN',
      `Missing the CREATE_ISSUES permission on project ${projectId}`
    ]);
    expect(await call(editor, IDEAS_KEYS.capture, { summary: '  ', source: 'event' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'summary' }
    });
    expect(await call(editor, IDEAS_KEYS.capture, { summary: 'x', source: 'tv' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'source' }
    });
    expect(t.site.docs.all('issues')).toHaveLength(before);
  });
});

describe('before Tandem’s set-up (no Strategic Idea or Experiment type)', () => {
  it('captures the project’s Task labelled idea, so a backlog filtered on the label shows it', async () => {
    t = createTestSite({ ...ideasSeed([]), issueTypes: [] });
    projectId = t.site.projectByKey('MKT')!.id;
    config = { projectId, jql: 'project = MKT AND labels = idea', model: 'ICE', cadenceDays: 14 };
    expect(await backlog()).toMatchObject({ ideaTypeFound: true, experimentTypeFound: true });
    const answer = await must<IdeaAnswer>(editor, IDEAS_KEYS.capture, {
      summary: 'Repair café',
      source: 'event'
    });
    const doc = t.site.docs.get<IssueDoc>('issues', answer.idea.id)!;
    expect(t.site.docs.get<{ name: string }>('issueTypes', doc.issueTypeId)?.name).toBe('Task');
    expect((await backlog()).ideas.map((i) => i.summary)).toEqual(['Repair café']);
  });
});

describe('ideas/vote (edit the page)', () => {
  it('concurrent votes from two people both land; withdrawing removes only the caller’s', async () => {
    setup();
    const issueId = idOf('Chatbot for repairs');
    await Promise.all([
      must(editor, IDEAS_KEYS.vote, { issueId, vote: true }),
      must(colleague, IDEAS_KEYS.vote, { issueId, vote: true }),
      must(pageEditorNoCreate, IDEAS_KEYS.vote, { issueId, vote: true })
    ]);
    expect(ideaIn(await backlog(), 'Chatbot for repairs')).toMatchObject({ votes: 3, voted: true });
    const after = await must<IdeaAnswer>(editor, IDEAS_KEYS.vote, { issueId, vote: false });
    expect(after.idea).toMatchObject({ votes: 2, voted: false });
    expect(published('vote')).toHaveLength(4);
    // The score is the idea's own: votes never move it.
    expect(after.idea.score).toEqual({ scored: true, value: 3 });
  });

  it('refuses a viewer and an issue that is not in the backlog', async () => {
    setup([{ summary: 'Not an idea', issuetype: 'Task' }]);
    expect(await call(viewer, IDEAS_KEYS.vote, { issueId: idOf('Store pages'), vote: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    expect(await call(editor, IDEAS_KEYS.vote, { issueId: idOf('Not an idea'), vote: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'issueId' }
    });
    expect(ideaRecords()).toEqual([]);
  });
});

describe('ideas/evidence-add and evidence-remove (edit the page)', () => {
  it('keeps links and snippets, counted on the idea, and removes one', async () => {
    setup();
    const issueId = idOf('Quiz on the home page');
    await must(editor, IDEAS_KEYS.evidenceAdd, {
      issueId,
      kind: 'webinar-screenshot',
      url: 'https://example.com/s.png'
    });
    const answer = await must<IdeaAnswer>(editor, IDEAS_KEYS.evidenceAdd, {
      issueId,
      kind: 'one-to-one-notes',
      snippet: '<img src=x onerror=alert(1)> customers ask'
    });
    expect(answer.idea.evidenceCount).toBe(2);
    expect(answer.idea.evidence.map((e) => [e.kind, e.url, e.snippet])).toEqual([
      ['webinar-screenshot', 'https://example.com/s.png', null],
      ['one-to-one-notes', null, '<img src=x onerror=alert(1)> customers ask']
    ]);
    const removed = await must<IdeaAnswer>(editor, IDEAS_KEYS.evidenceRemove, {
      issueId,
      evidenceId: answer.idea.evidence[0]!.id
    });
    expect(removed.idea.evidence.map((e) => e.kind)).toEqual(['one-to-one-notes']);
  });

  it('refuses a script link, both or neither of link and snippet, naming the field', async () => {
    setup();
    const issueId = idOf('Quiz on the home page');
    const bad = (payload: object) =>
      call(editor, IDEAS_KEYS.evidenceAdd, { issueId, kind: 'other', ...payload });
    expect(await bad({ url: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { field: 'url' } });
    expect(await bad({ url: 'https://a.example', snippet: 'b' })).toMatchObject({
      ok: false,
      error: { field: 'snippet' }
    });
    expect(await bad({})).toMatchObject({ ok: false, error: { field: 'url' } });
    expect(await bad({ snippet: 'x'.repeat(2001) })).toMatchObject({
      ok: false,
      error: { field: 'snippet' }
    });
    expect(ideaRecords()).toEqual([]);
  });
});

describe('ideas/decide (edit the page)', () => {
  it('a dated decision resets the review flag and moves the stage', async () => {
    setup([
      ideaIssue(
        'Old idea',
        { impact: 1, confidence: 50, ease: 1 },
        { created: new Date(Date.now() - 30 * 86_400_000).toISOString() }
      )
    ]);
    const issueId = idOf('Old idea');
    expect(ideaIn(await backlog(), 'Old idea').review.flagged).toBe(true);
    const parked = await must<IdeaAnswer>(editor, IDEAS_KEYS.decide, {
      issueId,
      decision: 'park',
      note: 'after Q1'
    });
    expect(parked.idea).toMatchObject({
      stage: 'parked',
      stageFrom: 'tandem',
      review: { flagged: false, daysSinceReview: 0 }
    });
    expect(parked.idea.decisions).toMatchObject([{ decision: 'park', by: editor, note: 'after Q1' }]);
    expect(await call(editor, IDEAS_KEYS.decide, { issueId, decision: 'experiment' })).toMatchObject({
      ok: false,
      error: { field: 'decision' }
    });
    expect(published('decision')).toHaveLength(1);
  });
});

describe('turn into experiment (ideas/experiment-check, ideas/experiment) and ideas/outcome', () => {
  it('warns when the project has no experiments lane, creates the linked Experiment, and records its outcome once it ends', async () => {
    setup();
    const issueId = idOf('Chatbot for repairs');
    const check = await must<ExperimentCheck>(viewer, IDEAS_KEYS.experimentCheck);
    expect(check.headroom).toEqual({ headroomHours: null, warning: { code: 'noExperimentsLane' } });
    const stopDate = check.latestStopDate;
    const created = await must<ExperimentCreated>(editor, IDEAS_KEYS.experiment, {
      issueId,
      hypothesis: 'A chatbot halves repair e-mails',
      successMetric: 'repair e-mails ≤ 50 %',
      stopDate
    });
    expect(created).toMatchObject({
      linked: true,
      idea: { stage: 'experiment', experiment: { stopDate, ended: false } }
    });
    const experiment = t.site.issueByIdOrKey(created.experimentKey)!;
    expect(t.site.docs.get<{ name: string }>('issueTypes', experiment.issueTypeId)?.name).toBe('Experiment');
    expect(
      t.site.docs
        .all<{ inwardIssueId: string; outwardIssueId: string }>('links')
        .some((l) => l.inwardIssueId === issueId && l.outwardIssueId === experiment.id)
    ).toBe(true);
    expect(
      await call(editor, IDEAS_KEYS.experiment, { issueId, hypothesis: 'h', successMetric: 'm', stopDate })
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' }
    });
    // Still running: no outcome yet.
    expect(await call(editor, IDEAS_KEYS.outcome, { issueId, met: true, lesson: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' }
    });
    t.site.docs.put('issues', experiment.id, {
      ...experiment,
      statusId: STATUSES.find((s) => s.category === 'done')!.id
    });
    const outcome = await must<IdeaAnswer>(editor, IDEAS_KEYS.outcome, {
      issueId,
      met: false,
      lesson: 'People prefer the form with photos'
    });
    expect(outcome.idea).toMatchObject({
      stage: 'reviewing',
      outcome: { met: false, lesson: 'People prefer the form with photos' },
      experiment: { ended: true }
    });
  });

  it('refuses a stop date in the past or too far, and a page editor without Create issues', async () => {
    setup();
    const issueId = idOf('Chatbot for repairs');
    const payload = { issueId, hypothesis: 'h', successMetric: 'm' };
    expect(await call(editor, IDEAS_KEYS.experiment, { ...payload, stopDate: '2020-01-01' })).toMatchObject({
      ok: false,
      error: { field: 'stopDate' }
    });
    expect(await call(editor, IDEAS_KEYS.experiment, { ...payload, stopDate: '2099-01-01' })).toMatchObject({
      ok: false,
      error: { field: 'stopDate' }
    });
    const { latestStopDate } = await must<ExperimentCheck>(editor, IDEAS_KEYS.experimentCheck);
    expect(
      await call(pageEditorNoCreate, IDEAS_KEYS.experiment, { ...payload, stopDate: latestStopDate })
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      t.site.docs.all<IssueDoc>('issues').filter((i) => i.summary === 'Chatbot for repairs')
    ).toHaveLength(1);
    expect(ideaRecords()).toEqual([]);
  });
});

describe('ideas/config-options (view the page)', () => {
  it('lists the caller’s projects and the chosen project’s statuses with their stages', async () => {
    setup();
    const options = await must<ConfigOptions>(
      editor,
      IDEAS_KEYS.configOptions,
      { projectId },
      {
        ...config,
        stageMap: { '10001': 'experiment' }
      }
    );
    expect(options.projects.map((p) => p.key)).toContain('MKT');
    expect(options.statuses.map((s) => [s.name, s.stage, s.configured])).toEqual([
      ['To Do', 'captured', false],
      ['In Progress', 'reviewing', false],
      ['In Review', 'experiment', true],
      ['Done', 'adopted', false]
    ]);
    expect(await call(outsider, IDEAS_KEYS.configOptions, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
  });
});

describe('adfExport', () => {
  it('exports the backlog the caller sees as a valid ADF table, user text as text', async () => {
    setup([ideaIssue('<script>alert("x")</script> idea', { impact: 1, confidence: 100, ease: 1 })]);
    const context = { ...macroContext(config), accountId: editor };
    const doc = (await t.runtime.fireTrigger(
      'idea-backlog-export',
      { exportType: 'pdf', context },
      { accountId: editor }
    )) as {
      content: Array<{ type: string; content?: unknown[] }>;
    };
    expect(adfErrors(doc)).toEqual([]);
    const table = doc.content.find((node) => node.type === 'table');
    expect(table?.content).toHaveLength(1 + 4);
    expect(JSON.stringify(doc)).toContain('"text":"MKT-');
    expect(JSON.stringify(doc)).toContain('not scored (missing: confidence)');
    expect(JSON.stringify(doc)).toContain('"text":"MKT-4 <script>alert(\\"x\\")</script> idea"');
  });

  it('exports a note, not Jira data, when there is no signed-in user', async () => {
    setup();
    const doc = await exportBacklog({ exportType: 'pdf', context: macroContext(config) });
    expect(adfErrors(doc)).toEqual([]);
    expect(JSON.stringify(doc)).toContain('open the page in Confluence');
    expect(JSON.stringify(doc)).not.toContain('Chatbot');
  });
});
