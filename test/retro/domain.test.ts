import {
  boardView,
  carriedOver,
  checkAction,
  checkGroup,
  columnsOf,
  defaultDueDate,
  energyAudit,
  freeVoteSlot,
  initialState,
  jointSession,
  movePhase,
  parseConfig,
  periodFigures,
  presenterRotation,
  setFacilitators,
  showAndTellAgenda,
  allowedIn,
  type CardRecord,
  type RetroConfig,
  type VoteRecord
} from '../../src/retro/domain';

const config = (raw: Record<string, unknown> = {}): RetroConfig => {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.config;
};

const card = (
  id: string,
  author: string,
  column = 'worked',
  extra: Partial<CardRecord> = {}
): CardRecord => ({
  id,
  column,
  text: `card ${id}`,
  author,
  createdAt: `2026-09-01T10:00:0${id.length}Z`,
  groupId: null,
  ...extra
});

describe('configuration', () => {
  it('defaults to a named worked / didn’t / improve retro with five votes each', () => {
    const c = config();
    expect(columnsOf(c).map((col) => col.id)).toEqual(['worked', 'didnt', 'improve']);
    expect(c.votesPerPerson).toBe(5);
    expect(c.anonymous).toBe(false);
  });

  it('gives each format and mode its columns, custom ones with their labels', () => {
    expect(columnsOf(config({ format: 'start-stop-continue' })).map((c) => c.id)).toEqual([
      'start',
      'stop',
      'continue'
    ]);
    expect(columnsOf(config({ format: 'four-ls' }))).toHaveLength(4);
    expect(columnsOf(config({ format: 'custom', columns: ['Wins', 'Pains'] }))).toEqual([
      { id: 'c1', label: 'Wins' },
      { id: 'c2', label: 'Pains' }
    ]);
    expect(columnsOf(config({ mode: 'energy-audit' })).map((c) => c.id)).toEqual([
      'energising',
      'neutral',
      'draining'
    ]);
  });

  it('names the field at fault', () => {
    expect(parseConfig({ votesPerPerson: 0 })).toMatchObject({ ok: false, field: 'config.votesPerPerson' });
    expect(parseConfig({ format: 'custom' })).toMatchObject({ ok: false, field: 'config.columns' });
    expect(parseConfig({ periodStart: '2026-09-30', periodEnd: '2026-09-01' })).toMatchObject({
      ok: false,
      field: 'config.periodEnd'
    });
    expect(parseConfig({ projectKey: 'mkt; drop' })).toMatchObject({ ok: false, field: 'config.projectKey' });
  });

  it('dates actions at the next retro, else one period after this one', () => {
    expect(defaultDueDate(config({ nextRetro: '2026-10-30' }), '2026-09-20')).toBe('2026-10-30');
    expect(defaultDueDate(config({ periodStart: '2026-09-01', periodEnd: '2026-09-30' }), '2026-09-20')).toBe(
      '2026-10-30'
    );
    expect(defaultDueDate(config(), '2026-09-20')).toBe('2026-10-18');
  });
});

describe('phases', () => {
  it('moves one step at a time, by a facilitator, from the state they saw', () => {
    const state = initialState('fac');
    const moved = movePhase(state, 'add', 'fac', 1, '2026-09-01T10:00:00Z');
    expect(moved).toMatchObject({ ok: true, state: { phase: 'add', version: 2 } });
    expect(movePhase(state, 'add', 'someone', 1, 'x')).toMatchObject({
      ok: false,
      reason: 'not-facilitator'
    });
    expect(movePhase(state, 'vote', 'fac', 1, 'x')).toMatchObject({ ok: false, reason: 'not-adjacent' });
    expect(movePhase(state, 'add', 'fac', 0, 'x')).toMatchObject({
      ok: false,
      reason: 'stale',
      field: 'basedOn'
    });
  });

  it('lets each operation happen only in its phase', () => {
    expect(allowedIn('addCard', 'add')).toBe(true);
    expect(allowedIn('addCard', 'vote')).toBe(false);
    expect(allowedIn('vote', 'vote')).toBe(true);
    expect(allowedIn('createAction', 'discuss')).toBe(true);
    expect(allowedIn('group', 'add')).toBe(false);
  });

  it('keeps the phase history bounded', () => {
    let state = initialState('fac');
    for (let i = 0; i < 120; i += 1) {
      const to = state.phase === 'review' ? 'add' : 'review';
      const next = movePhase(state, to, 'fac', state.version, `t${i}`);
      if (!next.ok) throw new Error('move refused');
      state = next.state;
    }
    expect(state.history).toHaveLength(50);
  });

  it('never leaves a retro without a facilitator', () => {
    const state = initialState('fac');
    expect(setFacilitators(state, [], 'fac', 1)).toMatchObject({ ok: false, reason: 'empty' });
    expect(setFacilitators(state, ['fac', 'ana', 'ana'], 'fac', 1)).toMatchObject({
      ok: true,
      state: { facilitators: ['fac', 'ana'] }
    });
    expect(setFacilitators(state, ['ana'], 'ana', 1)).toMatchObject({ ok: false, reason: 'not-facilitator' });
  });
});

describe('board', () => {
  const cards = [card('a', 'ana'), card('bb', 'bob', 'didnt'), card('ccc', 'bob', 'didnt')];

  it('hides others’ cards while they are being added on a named retro', () => {
    const view = boardView(config(), columnsOf(config()), 'add', cards, [], 'ana');
    expect(view.cards.map((c) => c.id)).toEqual(['a']);
    expect(view.hiddenCounts).toEqual({ didnt: 2 });
  });

  it('shows them without author on an anonymous retro, and never names authors there', () => {
    const anon = config({ anonymous: true });
    for (const phase of ['add', 'vote', 'done'] as const) {
      const view = boardView(anon, columnsOf(anon), phase, cards, [], 'ana');
      expect(view.cards).toHaveLength(3);
      expect(view.cards.every((c) => c.author === null)).toBe(true);
    }
    expect(JSON.stringify(boardView(anon, columnsOf(anon), 'done', cards, [], 'ana'))).not.toContain('bob');
  });

  it('keeps votes secret until voting is over, then totals groups', () => {
    const grouped = [cards[0]!, cards[1]!, { ...cards[2]!, groupId: 'bb' }];
    const votes: VoteRecord[] = [
      { voter: 'ana', slot: 0, cardId: 'bb' },
      { voter: 'ana', slot: 1, cardId: 'ccc' },
      { voter: 'bob', slot: 0, cardId: 'bb' }
    ];
    const during = boardView(config(), columnsOf(config()), 'vote', grouped, votes, 'ana');
    expect(during.cards.every((c) => c.votes === null)).toBe(true);
    expect(during.votes).toEqual({ perPerson: 5, used: 2, left: 3 });
    const after = boardView(config(), columnsOf(config()), 'discuss', grouped, votes, 'ana');
    expect(after.cards.find((c) => c.id === 'bb')?.votes).toBe(3);
  });

  it('gives each vote a free slot of the allowance, none beyond it', () => {
    const votes: VoteRecord[] = [
      { voter: 'ana', slot: 0, cardId: 'a' },
      { voter: 'ana', slot: 2, cardId: 'a' }
    ];
    expect(freeVoteSlot(votes, 'ana', 3)).toBe(1);
    expect(freeVoteSlot([...votes, { voter: 'ana', slot: 1, cardId: 'a' }], 'ana', 3)).toBeNull();
    expect(freeVoteSlot(votes, 'bob', 3)).toBe(0);
  });

  it('groups one level deep', () => {
    expect(checkGroup(cards, 'ccc', 'bb')).toEqual({ ok: true });
    const grouped = [cards[0]!, cards[1]!, { ...cards[2]!, groupId: 'bb' }];
    expect(checkGroup(grouped, 'a', 'ccc')).toMatchObject({ ok: false, field: 'into' });
    expect(checkGroup(grouped, 'bb', 'a')).toMatchObject({ ok: false, field: 'cardId' });
    expect(checkGroup(cards, 'zz', null)).toMatchObject({ ok: false, field: 'cardId' });
  });
});

describe('actions', () => {
  it('requires an owner and takes the next retro as the default due date', () => {
    expect(checkAction({ summary: 'Fix', owner: null, due: null }, '2026-10-30', '2026-09-20')).toMatchObject(
      {
        ok: false,
        field: 'owner'
      }
    );
    expect(
      checkAction({ summary: '  Fix  the   brief ', owner: 'ana', due: null }, '2026-10-30', '2026-09-20')
    ).toEqual({
      ok: true,
      action: { summary: 'Fix the brief', owner: 'ana', due: '2026-10-30' }
    });
    expect(
      checkAction({ summary: 'Fix', owner: 'ana', due: '2026-09-01' }, '2026-10-30', '2026-09-20')
    ).toMatchObject({
      ok: false,
      field: 'due'
    });
    expect(checkAction({ summary: ' ', owner: 'ana', due: null }, '2026-10-30', '2026-09-20')).toMatchObject({
      field: 'summary'
    });
  });

  it('carries earlier open actions over, overdue first, not this retro’s own', () => {
    const base = { summary: 's', status: 'To Do', category: 'new' as const, owner: 'ana' };
    const carried = carriedOver(
      [
        { ...base, issueId: '1', issueKey: 'M-1', due: '2026-09-30' },
        { ...base, issueId: '2', issueKey: 'M-2', due: '2026-08-31' },
        { ...base, issueId: '3', issueKey: 'M-3', due: '2026-08-01', category: 'done' },
        { ...base, issueId: '4', issueKey: 'M-4', due: '2026-08-01' }
      ],
      new Set(['4']),
      '2026-09-15'
    );
    expect(carried.map((a) => [a.issueKey, a.overdue])).toEqual([
      ['M-2', true],
      ['M-1', false]
    ]);
  });
});

describe('period figures', () => {
  it('counts done work per lane, approval turnaround, experiments and protected time in the period', () => {
    const figures = periodFigures(
      { start: '2026-09-01', end: '2026-09-30' },
      [
        { lane: 'run', resolved: '2026-09-03' },
        { lane: 'run', resolved: '2026-09-20' },
        { lane: 'web', resolved: '2026-09-10' },
        { lane: 'web', resolved: '2026-08-31' },
        { lane: null, resolved: '2026-09-11' }
      ],
      [
        { issueKey: 'W-1', requestedAt: '2026-09-01T08:00:00Z', decidedAt: '2026-09-01T12:00:00Z' },
        { issueKey: 'W-2', requestedAt: '2026-09-02T08:00:00Z', decidedAt: '2026-09-04T08:00:00Z' },
        { issueKey: 'W-3', requestedAt: '2026-09-05T08:00:00Z', decidedAt: '2026-09-05T10:00:00Z' },
        { issueKey: 'W-4', requestedAt: '2026-09-25T08:00:00Z', decidedAt: null }
      ],
      [
        { issueKey: 'E-1', summary: 'A/B hero', created: '2026-09-02', resolved: null, outcome: null },
        { issueKey: 'E-2', summary: 'Quiz', created: '2026-08-02', resolved: '2026-09-12', outcome: 'Done' }
      ],
      { hoursPerWeek: 2, people: 3, loggedHours: 18 }
    );
    expect(figures.donePerLane).toEqual([
      { lane: 'run', count: 2 },
      { lane: 'web', count: 1 },
      { lane: null, count: 1 }
    ]);
    expect(figures.approvals).toEqual({
      decided: 3,
      pending: 1,
      medianHours: 4,
      slowest: { issueKey: 'W-2', hours: 48 }
    });
    expect(figures.experiments.started.map((e) => e.issueKey)).toEqual(['E-1']);
    expect(figures.experiments.stopped).toEqual([{ issueKey: 'E-2', summary: 'Quiz', outcome: 'Done' }]);
    expect(figures.protectedTime).toEqual({ plannedHours: 25.7, loggedHours: 18, keptShare: 18 / 25.7 });
  });
});

describe('modes', () => {
  it('energy audit: draining repetitive work → automate, someone energised → delegate, else eliminate', () => {
    const items = energyAudit([
      card('1', 'a', 'draining', { text: 'Weekly report', repetitive: true }),
      card('2', 'b', 'draining', { text: 'weekly  REPORT' }),
      card('3', 'a', 'draining', { text: 'Brief reviews' }),
      card('4', 'b', 'draining', { text: 'Brief reviews' }),
      card('5', 'c', 'energising', { text: 'Brief reviews' }),
      card('6', 'a', 'draining', { text: 'Status meeting' }),
      card('7', 'a', 'energising', { text: 'Workshops' })
    ]);
    const byWork = Object.fromEntries(items.map((i) => [i.work.toLowerCase(), i.proposal]));
    expect(byWork).toEqual({
      'weekly report': 'automate',
      'brief reviews': 'delegate',
      'status meeting': 'eliminate',
      workshops: null
    });
  });

  it('show-and-tell: time boxes follow votes inside the session and rotate presenters', () => {
    const cards = [card('t1', 'a', 'topics'), card('t22', 'b', 'topics'), card('t333', 'c', 'topics')];
    const agenda = showAndTellAgenda(
      cards,
      [
        { voter: 'a', slot: 0, cardId: 't22' },
        { voter: 'b', slot: 0, cardId: 't22' },
        { voter: 'c', slot: 0, cardId: 't1' }
      ],
      30
    );
    expect(agenda.map((s) => s.cardId)).toEqual(['t22', 't1', 't333']);
    expect(agenda.reduce((s, a) => s + a.minutes, 0)).toBeLessThanOrEqual(30);
    expect(agenda[0]!.minutes).toBeGreaterThan(agenda[2]!.minutes);
    expect(showAndTellAgenda(cards, [], 10).filter((s) => s.minutes === 0)).toHaveLength(1);
    expect(presenterRotation(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
  });

  it('joint session: progress per lane, blocked items and decisions due by the period’s end', () => {
    const issue = (key: string, extra: Partial<Parameters<typeof jointSession>[0][number]>) => ({
      issueKey: key,
      summary: key,
      lane: 'web',
      status: 'To Do',
      category: 'new' as const,
      due: null,
      blocked: false,
      decision: false,
      ...extra
    });
    const session = jointSession(
      [
        issue('A', { category: 'done' }),
        issue('B', { category: 'indeterminate', blocked: true }),
        issue('C', { decision: true, due: '2026-09-20' }),
        issue('D', { decision: true, due: '2026-10-20', lane: 'run' })
      ],
      '2026-09-30'
    );
    expect(session.progress).toEqual([
      { lane: 'run', done: 0, inProgress: 0, todo: 1 },
      { lane: 'web', done: 1, inProgress: 1, todo: 1 }
    ]);
    expect(session.blocked.map((i) => i.issueKey)).toEqual(['B']);
    expect(session.decisionsDue.map((i) => i.issueKey)).toEqual(['C']);
  });
});
