import type { Result } from '../../src/contract/result';
import {
  RETRO_KEYS,
  type ConfigureAnswer,
  type RetroBoardAnswer,
  type RetroUserOption,
  type RetroView
} from '../../src/contract/retro';
import type { IssueDoc } from '../../preview/backend/types';
import { adfErrors } from '../support/adf';
import { createTestSite, type TestSite } from '../support/test-site';
import { USERS } from '../support/site-seeds';
import { RETRO_PEOPLE, macroContext, retroSeed } from '../support/retro-site';

/**
 * The retro macro's resolvers end to end: the app's real handlers on the embedded Confluence and
 * Jira (every exchange checked against Atlassian's OpenAPI documents) and the embedded KVS.
 */

const lea = USERS.requester.accountId; // edits the page, member of MKT
const karim = USERS.admin.accountId; // not in the space's editors: admin is not marketing
const approver = USERS.approver.accountId; // views the page only
const emma = USERS.browseOnly.accountId; // views the page only
const outsider = USERS.outsider.accountId;
const paul = RETRO_PEOPLE.pageEditor.accountId; // edits the page, no Jira project

const CONFIG = {
  title: 'Retro September',
  projectKey: 'MKT',
  periodStart: '2026-09-01',
  periodEnd: '2026-09-30',
  nextRetro: '2099-10-30',
  votesPerPerson: 3
};

let t: TestSite;
let config: Record<string, unknown> = CONFIG;

function setup(issues: Parameters<typeof retroSeed>[0] = []): void {
  t = createTestSite(retroSeed(issues));
  config = CONFIG;
}

afterEach(() => {
  t.expectClean();
  t.close();
});

async function call<T>(
  accountId: string,
  key: string,
  payload: unknown = {},
  localId = 'retro-1'
): Promise<Result<T>> {
  return t.asUser(accountId).invoke<Result<T>>(key, payload, macroContext(config, localId));
}

async function must<T>(accountId: string, key: string, payload: unknown = {}): Promise<T> {
  const result = await call<T>(accountId, key, payload);
  if (!result.ok) throw new Error(`${key} as ${accountId}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

const retroKeys = () => Object.keys(t.site.kvs.dump()).filter((k) => k.startsWith('tandem:macro:retro:'));

async function toPhase(phase: string): Promise<void> {
  const order = ['review', 'add', 'group', 'vote', 'discuss', 'done'];
  let view = await must<RetroBoardAnswer>(lea, RETRO_KEYS.board);
  if (view.version === 0) await must<ConfigureAnswer>(lea, RETRO_KEYS.configure, { config });
  view = await must<RetroBoardAnswer>(lea, RETRO_KEYS.board);
  while (view.phase !== phase) {
    const next = order[order.indexOf(view.phase) + 1]!;
    view = await must<RetroBoardAnswer>(lea, RETRO_KEYS.setPhase, { phase: next, basedOn: view.version });
  }
}

describe('retro/get', () => {
  it('needs view permission on the page, and opens on earlier retros’ open actions with their status', async () => {
    setup([
      {
        summary: 'Publish the module list',
        labels: ['retro-action'],
        assignee: lea,
        duedate: '2026-09-10',
        status: 'In Progress'
      },
      { summary: 'Old done action', labels: ['retro-action'], status: 'Done' },
      { summary: 'Not an action', labels: ['other'] }
    ]);
    const view = await must<RetroView>(emma, RETRO_KEYS.get);
    expect(view.phase).toBe('review');
    expect(view.me).toMatchObject({ canEdit: false, facilitator: false });
    expect(view.carriedOver.map((a) => [a.summary, a.status, a.owner])).toEqual([
      ['Publish the module list', 'In Progress', lea]
    ]);
    expect(view.carriedOver[0]!.overdue).toBe(true);
    expect(view.figures?.period).toEqual({ start: '2026-09-01', end: '2026-09-30' });
    expect((await call(outsider, RETRO_KEYS.get)).ok).toBe(false);
    expect(await call(outsider, RETRO_KEYS.get)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('names the settings field at fault when the page’s config is not valid', async () => {
    setup();
    config = { ...CONFIG, votesPerPerson: 0 };
    expect(await call(lea, RETRO_KEYS.get)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'config.votesPerPerson' }
    });
  });
});

describe('retro/configure and phases', () => {
  it('makes the first editor who configures the retro its facilitator; viewers cannot', async () => {
    setup();
    expect(await call(emma, RETRO_KEYS.configure, { config })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    expect(await call(lea, RETRO_KEYS.configure, { config: { ...config, format: 'custom' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'config.columns' }
    });
    expect((await must<ConfigureAnswer>(lea, RETRO_KEYS.configure, { config })).facilitators).toEqual([lea]);
    expect((await must<ConfigureAnswer>(paul, RETRO_KEYS.configure, { config })).facilitators).toEqual([lea]);
  });

  it('moves one step at a time, by a facilitator, from the version they saw', async () => {
    setup();
    await must(lea, RETRO_KEYS.configure, { config });
    expect(await call(paul, RETRO_KEYS.setPhase, { phase: 'add', basedOn: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    expect(await call(lea, RETRO_KEYS.setPhase, { phase: 'vote', basedOn: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'phase' }
    });
    const moved = await must<RetroBoardAnswer>(lea, RETRO_KEYS.setPhase, { phase: 'add', basedOn: 1 });
    expect(moved).toMatchObject({ phase: 'add', version: 2 });
    expect(await call(lea, RETRO_KEYS.setPhase, { phase: 'group', basedOn: 1 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' }
    });
  });

  it('lets a facilitator name others, who can then move the retro', async () => {
    setup();
    await must(lea, RETRO_KEYS.configure, { config });
    expect(await call(paul, RETRO_KEYS.setFacilitators, { accountIds: [paul], basedOn: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    const named = await must<RetroBoardAnswer>(lea, RETRO_KEYS.setFacilitators, {
      accountIds: [lea, paul],
      basedOn: 1
    });
    expect(named.facilitators).toEqual([lea, paul]);
    expect(
      (await must<RetroBoardAnswer>(paul, RETRO_KEYS.setPhase, { phase: 'add', basedOn: 2 })).phase
    ).toBe('add');
  });
});

describe('cards', () => {
  it('refuses a card outside the add phase with the phase named, and writes nothing', async () => {
    setup();
    await must(lea, RETRO_KEYS.configure, { config });
    const before = retroKeys().length;
    expect(await call(lea, RETRO_KEYS.addCard, { column: 'worked', text: 'Too early' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'phase' }
    });
    expect(retroKeys()).toHaveLength(before);
  });

  it('needs edit permission, a column of the retro, and hides others’ cards while adding', async () => {
    setup();
    await toPhase('add');
    expect(await call(emma, RETRO_KEYS.addCard, { column: 'worked', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    expect(await call(lea, RETRO_KEYS.addCard, { column: 'nope', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'column' }
    });
    expect(await call(lea, RETRO_KEYS.addCard, { column: 'worked', text: 'x'.repeat(501) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'text' }
    });
    const mine = await must<RetroBoardAnswer>(lea, RETRO_KEYS.addCard, {
      column: 'worked',
      text: '<script>alert(1)</script>'
    });
    expect(mine.board.cards.map((c) => c.text)).toEqual(['<script>alert(1)</script>']);
    const paulView = await must<RetroBoardAnswer>(paul, RETRO_KEYS.board);
    expect(paulView.board.cards).toEqual([]);
    expect(paulView.board.hiddenCounts).toEqual({ worked: 1 });
  });

  it('lets only the author edit a card, and the author or a facilitator delete it', async () => {
    setup();
    await toPhase('add');
    const added = await must<RetroBoardAnswer>(paul, RETRO_KEYS.addCard, {
      column: 'didnt',
      text: 'Late forms'
    });
    const cardId = added.board.cards[0]!.id;
    expect(await call(lea, RETRO_KEYS.editCard, { cardId, text: 'hijack' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    const edited = await must<RetroBoardAnswer>(paul, RETRO_KEYS.editCard, {
      cardId,
      text: 'Forms came late'
    });
    expect(edited.board.cards[0]!.text).toBe('Forms came late');
    expect(await call(emma, RETRO_KEYS.deleteCard, { cardId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    const deleted = await must<RetroBoardAnswer>(lea, RETRO_KEYS.deleteCard, { cardId });
    expect(deleted.board.hiddenCounts).toEqual({});
    expect(retroKeys().some((k: string) => k.includes(cardId))).toBe(false);
  });

  it('loses no card when many people add at the same moment', async () => {
    setup();
    await toPhase('add');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(i % 2 ? lea : paul, RETRO_KEYS.addCard, { column: 'improve', text: `idea ${i}` })
      )
    );
    await must(lea, RETRO_KEYS.setPhase, { phase: 'group', basedOn: 2 });
    const view = await must<RetroBoardAnswer>(emma, RETRO_KEYS.board);
    expect(view.board.cards.map((c) => c.text).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `idea ${i}`).sort()
    );
  });
});

describe('grouping and votes', () => {
  async function cards(n: number): Promise<string[]> {
    await toPhase('add');
    for (let i = 0; i < n; i += 1)
      await must(i % 2 ? lea : paul, RETRO_KEYS.addCard, { column: 'worked', text: `card ${i}` });
    await toPhase('group');
    return (await must<RetroBoardAnswer>(lea, RETRO_KEYS.board)).board.cards.map((c) => c.id);
  }

  it('moves and groups cards in the group phase; concurrent moves of different cards all land', async () => {
    setup();
    const ids = await cards(6);
    await Promise.all(
      ids
        .slice(0, 5)
        .map((cardId, i) => call(i % 2 ? lea : paul, RETRO_KEYS.moveCard, { cardId, column: 'improve' }))
    );
    const moved = await must<RetroBoardAnswer>(lea, RETRO_KEYS.board);
    expect(moved.board.cards.filter((c) => c.column === 'improve')).toHaveLength(5);
    const grouped = await must<RetroBoardAnswer>(lea, RETRO_KEYS.moveCard, { cardId: ids[5], into: ids[0] });
    expect(grouped.board.cards.find((c) => c.id === ids[5])).toMatchObject({
      groupId: ids[0],
      column: 'improve'
    });
    expect(await call(lea, RETRO_KEYS.moveCard, { cardId: ids[1], into: ids[5] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'into' }
    });
    expect(await call(emma, RETRO_KEYS.moveCard, { cardId: ids[1], column: 'worked' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
  });

  it('counts each person’s votes against the limit even when they click at once', async () => {
    setup();
    const ids = await cards(4);
    await toPhase('vote');
    expect(await call(lea, RETRO_KEYS.addCard, { column: 'worked', text: 'late' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'phase' }
    });
    const results = await Promise.all(
      ids.flatMap((cardId) => [
        call(lea, RETRO_KEYS.vote, { cardId }),
        call(lea, RETRO_KEYS.vote, { cardId })
      ])
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    await Promise.all(ids.map((cardId) => call(paul, RETRO_KEYS.vote, { cardId })));
    const mine = await must<RetroBoardAnswer>(lea, RETRO_KEYS.board);
    expect(mine.board.votes).toEqual({ perPerson: 3, used: 3, left: 0 });
    expect(mine.board.cards.every((c) => c.votes === null)).toBe(true);
    const votedCard = mine.board.cards.find((c) => c.myVotes > 0)!;
    const after = await must<RetroBoardAnswer>(lea, RETRO_KEYS.unvote, { cardId: votedCard.id });
    expect(after.board.votes.left).toBe(1);
    expect(await call(emma, RETRO_KEYS.vote, { cardId: ids[0] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    await toPhase('discuss');
    const totals = (await must<RetroBoardAnswer>(emma, RETRO_KEYS.board)).board.cards.reduce(
      (s, c) => s + (c.votes ?? 0),
      0
    );
    expect(totals).toBe(2 + 3);
  });
});

describe('retro/create-action', () => {
  async function discussWithCard(): Promise<string> {
    await toPhase('add');
    await must(lea, RETRO_KEYS.addCard, { column: 'improve', text: 'One intake form' });
    await toPhase('discuss');
    return (await must<RetroBoardAnswer>(lea, RETRO_KEYS.board)).board.cards[0]!.id;
  }

  it('creates the Jira issue as the caller with owner, due date and label, linked to the page', async () => {
    setup();
    const cardId = await discussWithCard();
    const before = t.site.docs.all<IssueDoc>('issues').length;
    expect(
      await call(lea, RETRO_KEYS.createAction, { cardId, summary: 'Intake form', owner: null, due: null })
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'owner' }
    });
    expect(
      await call(lea, RETRO_KEYS.createAction, {
        cardId,
        summary: 'Intake form',
        owner: lea,
        due: '2020-01-01'
      })
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'due' }
    });
    expect(t.site.docs.all<IssueDoc>('issues')).toHaveLength(before);
    const view = await must<RetroView>(lea, RETRO_KEYS.createAction, {
      cardId,
      summary: 'Intake form',
      owner: lea,
      due: null
    });
    const issue = t.site.docs.all<IssueDoc>('issues').find((i) => i.summary === 'Intake form')!;
    expect(issue).toMatchObject({
      labels: ['retro-action'],
      assignee: lea,
      duedate: '2099-10-30',
      reporter: lea
    });
    expect(view.actions).toEqual([
      expect.objectContaining({
        issueKey: issue.key,
        owner: lea,
        due: '2099-10-30',
        cardId,
        status: { name: 'To Do', category: 'new' }
      })
    ]);
    expect(t.site.docs.all<{ issueId: string; url: string }>('remoteLinks')).toEqual([
      expect.objectContaining({
        issueId: issue.id,
        url: 'https://tandem-demo.atlassian.net/wiki/pages/viewpage.action?pageId=3001'
      })
    ]);
    // It is this retro's action, not a carried-over one; the next retro on the page carries it over.
    expect(view.carriedOver).toEqual([]);
    const other = await call<RetroView>(emma, RETRO_KEYS.get, {}, 'retro-2');
    expect(other.ok && other.data.carriedOver.map((a) => a.issueKey)).toEqual([issue.key]);
  });

  it('needs Create issues in the project and the discuss phase', async () => {
    setup();
    await toPhase('vote');
    expect(
      await call(lea, RETRO_KEYS.createAction, { cardId: null, summary: 'x', owner: lea, due: null })
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'phase' }
    });
    await toPhase('discuss');
    expect(
      await call(paul, RETRO_KEYS.createAction, { cardId: null, summary: 'x', owner: lea, due: null })
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    expect(
      await call(emma, RETRO_KEYS.createAction, { cardId: null, summary: 'x', owner: lea, due: null })
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    expect((await must<RetroView>(paul, RETRO_KEYS.get)).canCreateIssues).toBe(false);
  });
});

describe('retro/user-search', () => {
  it('lists people who can own an action in the retro’s project', async () => {
    setup();
    const found = await must<RetroUserOption[]>(lea, RETRO_KEYS.userSearch, { query: 'Léa' });
    expect(found.map((u) => u.accountId)).toContain(lea);
    expect(await call(outsider, RETRO_KEYS.userSearch, { query: 'Léa' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
  });
});

describe('anonymous retros and export', () => {
  it('never sends authors on an anonymous retro; the export is valid ADF without authors', async () => {
    setup();
    config = { ...CONFIG, anonymous: true };
    await toPhase('add');
    await must(paul, RETRO_KEYS.addCard, { column: 'worked', text: 'Secret praise' });
    const seen = await must<RetroBoardAnswer>(lea, RETRO_KEYS.board);
    expect(seen.board.cards).toEqual([
      expect.objectContaining({ text: 'Secret praise', author: null, mine: false })
    ]);
    expect(JSON.stringify(seen)).not.toContain(paul);
    await toPhase('discuss');
    const doc = await t.runtime.fireTrigger('retro-export', {
      context: macroContext(config),
      exportType: 'pdf'
    });
    expect(adfErrors(doc)).toEqual([]);
    expect(JSON.stringify(doc)).toContain('Secret praise');
    expect(JSON.stringify(doc)).not.toContain('Paul');
    expect(karim).toBeDefined();
    expect(approver).toBeDefined();
  });
});
