import fc from 'fast-check';
import {
  backlogJql,
  checkConfig,
  currentStage,
  decisionsToPrune,
  DECISION_RETENTION_DAYS,
  DECISIONS_KEPT,
  effectiveStageMap,
  EMPTY_RECORDS,
  experimentEnded,
  experimentsHeadroom,
  headroomText,
  ideaView,
  recordedStage,
  reviewState,
  safeLink,
  scoreOf,
  scoreText,
  sortIdeas,
  sourceOfLabels,
  type DecisionRecord,
  type IdeaIssue,
  type IdeaRecords,
  type ScoreInputs,
  type ScoringModel,
  type StatusRef
} from '../../src/ideas/domain';

const NOW = new Date('2026-10-05T08:00:00.000Z');
const TODAY = '2026-10-05';
const TODO: StatusRef = { id: '1', name: 'To Do', category: 'new' };
const DOING: StatusRef = { id: '3', name: 'In Progress', category: 'indeterminate' };
const DONE: StatusRef = { id: '4', name: 'Done', category: 'done' };
const NONE: ScoreInputs = { reach: null, impact: null, confidence: null, ease: null, effort: null };
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

function issue(over: Partial<IdeaIssue> = {}): IdeaIssue {
  return {
    id: '100',
    key: 'MKT-1',
    summary: 'Quiz on the home page',
    status: TODO,
    statusChangedAt: null,
    labels: ['idea', 'source-webinar'],
    createdAt: daysAgo(3),
    inputs: NONE,
    ...over
  };
}

function view(i: IdeaIssue, records: IdeaRecords = EMPTY_RECORDS, model: ScoringModel = 'ICE') {
  return ideaView({
    issue: i,
    records,
    model,
    stageMap: {},
    cadenceDays: 14,
    caller: 'me',
    now: NOW,
    today: TODAY,
    experimentIssue: null
  });
}

describe('absolute scores', () => {
  it('ICE is impact × confidence (as a fraction) × ease; RICE is reach × impact × confidence / effort', () => {
    const inputs = { reach: 400, impact: 2, confidence: 80, ease: 6, effort: 4 };
    expect(scoreOf('ICE', inputs)).toEqual({ scored: true, value: 9.6 });
    expect(scoreOf('RICE', inputs)).toEqual({ scored: true, value: 160 });
  });

  it('a missing input is "not scored" naming it, never 0', () => {
    const score = scoreOf('RICE', { ...NONE, impact: 1, confidence: 50 });
    expect(score).toEqual({ scored: false, missing: ['reach', 'effort'], invalid: [] });
    expect(scoreText(score, 'en')).toBe('not scored (missing: reach, effort)');
    expect(scoreText(score, 'fr')).toBe('non notée (manque\u202f: portée, effort)');
  });

  it('inputs outside their scale are not scored either: zero effort, negative reach, confidence over 100', () => {
    expect(scoreOf('RICE', { reach: -1, impact: 1, confidence: 120, ease: null, effort: 0 })).toEqual({
      scored: false,
      missing: [],
      invalid: ['reach', 'confidence', 'effort']
    });
    // A zero impact is a real (bad) score, not a missing one.
    expect(scoreOf('ICE', { ...NONE, impact: 0, confidence: 50, ease: 3 })).toEqual({
      scored: true,
      value: 0
    });
  });

  const inputArb: fc.Arbitrary<ScoreInputs> = fc.record({
    reach: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    impact: fc.option(fc.constantFrom(0.25, 0.5, 1, 2, 3), { nil: null }),
    confidence: fc.option(fc.constantFrom(50, 80, 100), { nil: null }),
    ease: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
    effort: fc.option(fc.double({ min: 0.5, max: 50, noNaN: true }), { nil: null })
  });

  it('property: adding ideas to the backlog never changes another idea’s score', () => {
    fc.assert(
      fc.property(
        fc.array(inputArb, { minLength: 1, maxLength: 12 }),
        fc.array(inputArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom<ScoringModel>('ICE', 'RICE'),
        (before, added, model) => {
          const backlog = (list: ScoreInputs[]) =>
            sortIdeas(
              list.map((inputs, n) =>
                view(issue({ id: String(n + 1), key: `MKT-${n + 1}`, inputs }), EMPTY_RECORDS, model)
              )
            );
          const first = new Map(backlog(before).map((idea) => [idea.id, idea.score]));
          const second = new Map(backlog([...before, ...added]).map((idea) => [idea.id, idea.score]));
          for (const [id, score] of first) expect(second.get(id)).toEqual(score);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('sorts scored ideas by score, then unscored ones by votes', () => {
    const scored = (id: string, ease: number) =>
      view(issue({ id, key: `MKT-${id}`, inputs: { ...NONE, impact: 1, confidence: 100, ease } }));
    const unscored = (id: string, votes: string[]) =>
      view(issue({ id, key: `MKT-${id}` }), { ...EMPTY_RECORDS, votes });
    const order = sortIdeas([
      unscored('1', ['a']),
      scored('2', 3),
      unscored('3', ['a', 'b']),
      scored('4', 9)
    ]);
    expect(order.map((i) => i.id)).toEqual(['4', '2', '3', '1']);
  });
});

describe('stages', () => {
  it('defaults from the status categories and follows the macro’s mapping', () => {
    expect(effectiveStageMap([TODO, DOING, DONE], { '3': 'experiment' })).toEqual([
      { ...TODO, stage: 'captured', configured: false },
      { ...DOING, stage: 'experiment', configured: true },
      { ...DONE, stage: 'adopted', configured: false }
    ]);
  });

  it('a recorded decision sets the stage until the status changes after it', () => {
    const recorded = { stage: 'parked' as const, at: daysAgo(5) };
    expect(currentStage(TODO, {}, null, recorded)).toEqual({ stage: 'parked', from: 'tandem' });
    expect(currentStage(TODO, {}, daysAgo(6), recorded)).toEqual({ stage: 'parked', from: 'tandem' });
    expect(currentStage(DOING, {}, daysAgo(1), recorded)).toEqual({ stage: 'reviewing', from: 'status' });
  });

  it('the newer of the last decision and the experiment outcome wins', () => {
    const decisions: DecisionRecord[] = [{ decision: 'experiment', at: daysAgo(30), by: 'a', note: '' }];
    expect(recordedStage({ decisions, outcome: null })).toEqual({ stage: 'experiment', at: daysAgo(30) });
    expect(
      recordedStage({ decisions, outcome: { met: true, lesson: 'x', at: daysAgo(2), by: 'a' } })?.stage
    ).toBe('adopted');
    expect(
      recordedStage({ decisions, outcome: { met: false, lesson: 'x', at: daysAgo(2), by: 'a' } })?.stage
    ).toBe('reviewing');
  });
});

describe('review cadence and decisions', () => {
  it('flags open ideas nobody reviewed within the cadence; a decision resets the flag', () => {
    const old = issue({ createdAt: daysAgo(20) });
    expect(view(old).review).toEqual({ flagged: true, lastReviewedAt: null, daysSinceReview: 20 });
    const decided = view(old, {
      ...EMPTY_RECORDS,
      decisions: [{ decision: 'keep', at: daysAgo(1), by: 'a', note: '' }]
    });
    expect(decided.review).toEqual({ flagged: false, lastReviewedAt: daysAgo(1), daysSinceReview: 1 });
    expect(decided.stage).toBe('reviewing');
  });

  it('does not flag experiments, adopted or dropped ideas', () => {
    for (const stage of ['experiment', 'adopted', 'dropped'] as const)
      expect(
        reviewState({ stage, createdAt: daysAgo(90), decisions: [], cadenceDays: 7, now: NOW }).flagged
      ).toBe(false);
    expect(
      reviewState({ stage: 'parked', createdAt: daysAgo(90), decisions: [], cadenceDays: 7, now: NOW })
        .flagged
    ).toBe(true);
  });

  it('keeps the last 20 decisions and none older than two years, but always the latest', () => {
    const many = Array.from({ length: 25 }, (_, n) => ({ at: daysAgo(n) }));
    expect(decisionsToPrune(many, NOW)).toHaveLength(25 - DECISIONS_KEPT);
    const old = [
      { at: daysAgo(DECISION_RETENTION_DAYS + 10) },
      { at: daysAgo(DECISION_RETENTION_DAYS + 20) }
    ];
    expect(decisionsToPrune(old, NOW)).toEqual([old[1]]);
  });
});

describe('evidence and sources', () => {
  it('keeps only http(s) links', () => {
    expect(safeLink('https://example.com/webinar?t=1')).toBe('https://example.com/webinar?t=1');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeLink('not a url')).toBeNull();
  });

  it('reads the source from the source-* label and counts evidence per idea and kind', () => {
    expect(sourceOfLabels(['idea', 'source-one-to-one'])).toBe('one-to-one');
    expect(sourceOfLabels(['source-podcast'])).toBe('other');
    expect(sourceOfLabels(['idea'])).toBeNull();
    const item = (id: string, kind: 'call-recording' | 'community-thread') => ({
      id,
      kind,
      url: null,
      snippet: 'notes',
      addedBy: 'a',
      addedAt: daysAgo(1)
    });
    const v = view(issue(), {
      ...EMPTY_RECORDS,
      evidence: [item('1', 'call-recording'), item('2', 'call-recording'), item('3', 'community-thread')]
    });
    expect(v.evidenceCount).toBe(3);
    expect(v.evidenceByKind).toEqual({ 'call-recording': 2, 'community-thread': 1 });
  });
});

describe('experiments', () => {
  it('an experiment ends when its issue is done or its stop date has passed', () => {
    expect(experimentEnded({ stopDate: '2026-10-20' }, 'indeterminate', TODAY)).toBe(false);
    expect(experimentEnded({ stopDate: '2026-10-20' }, 'done', TODAY)).toBe(true);
    expect(experimentEnded({ stopDate: '2026-10-04' }, null, TODAY)).toBe(true);
  });

  it('warns when the experiments lane has no headroom, or no lane at all', () => {
    expect(experimentsHeadroom({ capacityHours: 20, loadHours: 12, unestimatedCount: 0 })).toEqual({
      headroomHours: 8,
      warning: null
    });
    const full = experimentsHeadroom({ capacityHours: 20, loadHours: 26.04, unestimatedCount: 0 });
    expect(full).toEqual({
      headroomHours: -6,
      warning: { code: 'noHeadroom', capacityHours: 20, loadHours: 26 }
    });
    expect(headroomText(full.warning!, 'en')).toBe(
      'The experiments lane has no headroom this period: 26 h planned for 20 h of capacity.'
    );
    expect(headroomText(full.warning!, 'fr')).toContain('cette période\u202f: 26 h prévues');
    expect(experimentsHeadroom(null).warning).toEqual({ code: 'noExperimentsLane' });
    expect(experimentsHeadroom({ capacityHours: 20, loadHours: 5, unestimatedCount: 2 }).warning?.code).toBe(
      'unestimatedWork'
    );
  });
});

describe('config', () => {
  it('an empty config is "not set up yet"; a bad one names the field', () => {
    expect(checkConfig({})).toEqual({ ok: false, field: null, message: 'unconfigured' });
    expect(checkConfig({ projectId: '10000', cadenceDays: 0 })).toMatchObject({
      ok: false,
      field: 'config.cadenceDays'
    });
    expect(checkConfig({ projectId: '10000', stageMap: { '3': 'someday' } })).toMatchObject({
      ok: false,
      field: 'config.stageMap.3'
    });
    expect(checkConfig({ projectId: '10000', model: 'RICE', jql: ' ' })).toEqual({
      ok: true,
      config: { projectId: '10000', jql: null, model: 'RICE', cadenceDays: 14, stageMap: {} }
    });
  });

  it('builds the backlog query from the project and the Strategic Idea type, or the filter without its ORDER BY', () => {
    const config = { projectId: '10000', jql: null, model: 'ICE' as const, cadenceDays: 14, stageMap: {} };
    expect(backlogJql(config, 'Strategic Idea')).toBe(
      'project = 10000 AND issuetype = "Strategic Idea" ORDER BY created DESC'
    );
    expect(backlogJql({ ...config, jql: 'labels = idea OR labels = x ORDER BY rank' }, null)).toBe(
      '(labels = idea OR labels = x) ORDER BY created DESC'
    );
  });
});
