import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSettings, type CapacitySettings } from '../../src/capacity/domain/settings';
import { format, setLocale, setMessages, type I18nKey } from '../../static/common/i18n';
import { messages } from '../../static/common/messages';
import { pathLabel } from '../../static/project-settings/src/labels';
import { projectSettingsFr } from '../../static/common/messages/project-settings';
import { projectSettingsMessages } from '../../static/project-settings/src/messages';
import {
  addLane,
  addPerson,
  changesLabels,
  formatDecimal,
  isOverFull,
  moveRule,
  normalise,
  ownTimeOff,
  parseDecimal,
  problemAt,
  problemsOf,
  removeLane,
  removePerson,
  renameLane,
  serverProblem,
  setLaneKind,
  setShare,
  settingsPath,
  shareSum,
  slugify,
  uniqueLaneId
} from '../../static/project-settings/src/model';

const en = (key: I18nKey, vars: Record<string, string | number> = {}) => format(messages.en[key], vars);

/** The seed-004 shape: a dedicated website lane, run, experiments, two people, one rule. */
function settings(): CapacitySettings {
  const parsed = parseSettings({
    lanes: [
      { id: 'website', name: 'Refonte du site', kind: 'dedicated' },
      { id: 'run', name: 'Run', kind: 'run' },
      { id: 'experiments', name: 'Expérimentations', kind: 'experiments' }
    ],
    people: [
      { accountId: 'ana', hoursPerWeek: 40, shares: { website: 0.5 } },
      { accountId: 'bob', hoursPerWeek: 32, shares: { website: 0.8 } }
    ],
    timeOff: [
      { accountId: 'bob', start: '2026-12-03', end: '2026-12-04' },
      { accountId: 'ana', start: '2026-12-07', end: '2026-12-07', startHalfDay: true }
    ],
    rules: [
      { field: 'epic', value: 'MKT-1', lane: 'website' },
      { field: 'label', value: 'run', lane: 'run' },
      { field: 'issueType', value: 'Experiment', lane: 'experiments' }
    ]
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

beforeAll(() => setMessages(projectSettingsMessages));
afterEach(() => setLocale('en'));

describe('project settings: shares typed in percent', () => {
  it('stores a typed percentage as the fraction the domain reads, and removes a share set to 0 or emptied', () => {
    const [ana] = settings().people;
    expect(setShare(ana!, 'website', 35).shares).toEqual({ website: 0.35 });
    expect(setShare(ana!, 'website', 12.5).shares).toEqual({ website: 0.125 });
    expect(setShare(ana!, 'website', 0).shares).toEqual({});
    expect(setShare(ana!, 'website', null).shares).toEqual({});
    expect(Number.isNaN(setShare(ana!, 'website', NaN).shares.website)).toBe(true);
  });

  it('reads decimals the English and the French way, and refuses anything else instead of guessing', () => {
    expect(parseDecimal('37.5')).toBe(37.5);
    expect(parseDecimal(' 37,5 ')).toBe(37.5);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('12h')).toBeNaN();
    expect(parseDecimal('-3')).toBeNaN();
    expect(formatDecimal(37.5, 'fr')).toBe('37,5');
    expect(formatDecimal(37.5, 'en')).toBe('37.5');
  });

  it('sums a person’s shares live and flags over 100 % with the domain’s tolerance', () => {
    const draft = settings();
    const bob = setShare(draft.people[1]!, 'website', 70);
    expect(shareSum(bob, draft.lanes)).toBe(70);
    const lanes = addLane(draft, 'Salon').lanes;
    const both = setShare(setShare(bob, 'salon', 30), 'website', 80);
    expect(shareSum(both, lanes)).toBe(110);
    expect(isOverFull(110)).toBe(true);
    // 0.7 + 0.2 + 0.1 is not exactly 1 in binary: still 100 %, as the resolver sees it.
    const three = { ...bob, shares: { website: 0.7, salon: 0.2, other: 0.1 } };
    const withOther = [...lanes, { ...lanes[0]!, id: 'other', name: 'Other' }];
    expect(isOverFull(shareSum(three, withOther))).toBe(false);
  });
});

describe('project settings: lanes', () => {
  it('gives a new lane an id JQL can search, unique among the lanes', () => {
    expect(slugify('Refonte du site')).toBe('refonte-du-site');
    expect(slugify('Événements & salons 2027')).toBe('evenements-salons-2027');
    expect(slugify('!!!')).toBe('lane');
    expect(uniqueLaneId('Website', new Set(['website', 'website-2']))).toBe('website-3');
    const draft = addLane(settings(), 'Salon');
    expect(draft.lanes.at(-1)).toMatchObject({ id: 'salon', kind: 'dedicated', owner: null, wipLimit: null });
    // Blue, the default, is taken by the three lanes of the seed: the new one gets another colour.
    expect(draft.lanes.at(-1)?.colour).not.toBe('blue');
    expect(parseSettings(draft).ok).toBe(true);
  });

  it('keeps the id of a saved lane on rename, and moves shares and rules with a new lane’s id', () => {
    const saved = new Set(['website', 'run', 'experiments']);
    const renamedSaved = renameLane(settings(), 0, 'Nouveau site', saved);
    expect(renamedSaved.lanes[0]).toMatchObject({ id: 'website', name: 'Nouveau site' });

    let draft = addLane(settings(), 'Lane 4');
    draft = { ...draft, people: draft.people.map((p, i) => (i === 0 ? setShare(p, 'lane-4', 20) : p)) };
    draft = { ...draft, rules: [...draft.rules, { field: 'label', value: 'salon', lane: 'lane-4' }] };
    const renamed = renameLane(draft, 3, 'Salon du livre', saved);
    expect(renamed.lanes[3]?.id).toBe('salon-du-livre');
    expect(renamed.people[0]?.shares).toEqual({ website: 0.5, 'salon-du-livre': 0.2 });
    expect(renamed.rules.at(-1)?.lane).toBe('salon-du-livre');
    expect(parseSettings(renamed).ok).toBe(true);
  });

  it('gives shares back when a lane stops being dedicated, and drops shares and rules with a removed lane', () => {
    const undedicated = setLaneKind(settings(), 0, 'experiments');
    expect(undedicated.people.map((p) => p.shares)).toEqual([{}, {}]);
    const removed = removeLane(settings(), 0);
    expect(removed.lanes.map((l) => l.id)).toEqual(['run', 'experiments']);
    expect(removed.people.map((p) => p.shares)).toEqual([{}, {}]);
    expect(removed.rules.map((r) => r.lane)).toEqual(['run', 'experiments']);
    expect(parseSettings(removed).ok).toBe(true);
  });
});

describe('project settings: people, time off and rules', () => {
  it('adds a person once with the defaults, and removing one takes their time off and ownership with them', () => {
    const added = addPerson(settings(), 'chloe');
    expect(added.people.at(-1)).toEqual({ accountId: 'chloe', hoursPerWeek: 40, shares: {}, wipLimit: 3 });
    expect(addPerson(added, 'chloe').people).toHaveLength(3);
    const owned = {
      ...settings(),
      lanes: settings().lanes.map((l, i) => (i === 0 ? { ...l, owner: 'bob' } : l))
    };
    const removed = removePerson(owned, 1);
    expect(removed.people.map((p) => p.accountId)).toEqual(['ana']);
    expect(removed.timeOff.map((e) => e.accountId)).toEqual(['ana']);
    expect(removed.lanes[0]?.owner).toBeNull();
    expect(parseSettings(removed).ok).toBe(true);
  });

  it('finds the entries a person may edit without configuring', () => {
    expect(ownTimeOff(settings(), 'ana')).toEqual([1]);
    expect(ownTimeOff(settings(), 'zoe')).toEqual([]);
  });

  it('moves a rule up or down one place, and not past either end', () => {
    const { rules } = settings();
    expect(moveRule(rules, 2, -1).map((r) => r.value)).toEqual(['MKT-1', 'Experiment', 'run']);
    expect(moveRule(rules, 0, 1).map((r) => r.value)).toEqual(['run', 'MKT-1', 'Experiment']);
    expect(moveRule(rules, 0, -1)).toEqual(rules);
    expect(moveRule(rules, 2, 1)).toEqual(rules);
  });

  it('says a save relabels issues only when lane ids, kinds or rules change', () => {
    const before = settings();
    const colour = {
      ...before,
      lanes: before.lanes.map((l, i) => (i === 0 ? { ...l, colour: 'red' as const } : l))
    };
    expect(changesLabels(before, colour)).toBe(false);
    expect(changesLabels(before, { ...before, futureOpsHoursPerWeek: 3 })).toBe(false);
    expect(changesLabels(before, { ...before, rules: moveRule(before.rules, 1, -1) })).toBe(true);
    expect(changesLabels(before, addLane(before, 'Salon'))).toBe(true);
  });

  it('trims names and rule values before saving', () => {
    const draft = settings();
    draft.lanes[0]!.name = '  Refonte  ';
    draft.rules[0]!.value = ' MKT-1 ';
    const out = normalise(draft);
    expect(out.lanes[0]?.name).toBe('Refonte');
    expect(out.rules[0]?.value).toBe('MKT-1');
  });
});

describe('project settings: problems at their field', () => {
  it('names the same problems at the same paths as the resolver, in the user’s language', () => {
    // Bob gives 80 % to the website and 40 % to a second dedicated lane: 120 % in all.
    const draft = addLane(settings(), 'Salon');
    draft.people[1] = setShare(draft.people[1]!, 'salon', 40);
    draft.timeOff[0] = { ...draft.timeOff[0]!, end: '2026-12-01' };
    const english = problemsOf(draft, 'en');
    expect(problemAt(english, 'people[1].shares')).toBe('sum is 120 %, at most 100 %');
    expect(problemAt(english, 'timeOff[0]')).toBe('end before start');
    expect(problemAt(english, 'people[1]')).toBeUndefined();
    expect(problemAt(english, 'people[1]', true)).toBe('sum is 120 %, at most 100 %');
    expect(problemAt(problemsOf(draft, 'fr'), 'people[1].shares')).toBe(
      'la somme est de 120 %, 100 % au plus'
    );
    expect(problemsOf(settings(), 'en')).toEqual([]);
    // One share over 100 % is refused by the schema (0–1): said in percent, as it was typed.
    const one = settings();
    one.people[0] = setShare(one.people[0]!, 'website', 150);
    expect(problemAt(problemsOf(one, 'en'), 'people[0].shares.website')).toBe('sum is 150 %, at most 100 %');
  });

  it('places the resolver’s field error inside the settings, in our words when we know the problem', () => {
    expect(settingsPath('settings.people[2].shares')).toBe('people[2].shares');
    expect(settingsPath('people[2].shares')).toBe('people[2].shares');
    expect(settingsPath('entries[0]')).toBe('timeOff[0]');
    expect(settingsPath('basedOn')).toBeUndefined();
    expect(settingsPath(undefined)).toBeUndefined();

    const draft = addLane(settings(), 'Salon');
    draft.people[1] = setShare(draft.people[1]!, 'salon', 40);
    const local = problemsOf(draft, 'fr');
    expect(
      serverProblem(
        'settings.people[1].shares',
        'settings.people[1].shares: sum is 120 %, at most 100 %',
        local
      )
    ).toEqual({ path: 'people[1].shares', message: 'la somme est de 120 %, 100 % au plus' });
    // A problem only the server knows (the whole value too large) keeps its text, without the path.
    expect(serverProblem('settings.lanes', 'settings.lanes: at most 50 items', [])).toEqual({
      path: 'lanes',
      message: 'at most 50 items'
    });
    expect(serverProblem('basedOn', 'basedOn: stale', local)).toBeUndefined();
  });

  it('labels a path by what the page shows there', () => {
    const nameOf = (id: string) => ({ ana: 'Ana Martin', bob: 'Bob Leroy' })[id] ?? id;
    const draft = settings();
    expect(pathLabel('people[1].shares', draft, nameOf)).toBe(`${en('ps.people.heading')} › Bob Leroy`);
    expect(pathLabel('lanes[0].name', draft, nameOf)).toBe(`${en('ps.lanes.heading')} › Refonte du site`);
    expect(pathLabel('timeOff[0]', draft, nameOf)).toBe(
      `${en('ps.timeOff.heading')} › Bob Leroy, 2026-12-03`
    );
    expect(pathLabel('rules[2].lane', draft, nameOf)).toBe(
      `${en('ps.rules.heading')} › ${en('ps.rules.position', { position: 3 })}`
    );
    expect(pathLabel('experimentsShare', draft, nameOf)).toBe(en('ps.general.experiments'));
    expect(pathLabel('', draft, nameOf)).toBe(en('ps.field.whole'));
  });
});

describe('project settings: strings', () => {
  const STATIC = path.resolve(__dirname, '../../static');
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name === 'build') return [];
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(full);
      return /\.tsx?$/.test(entry.name) ? [full] : [];
    });

  it('registers every key its sources and static/common use, in both languages', () => {
    const namespaces = new Set(Object.keys(messages.en).map((key) => key.split('.')[0]));
    const files = [
      ...sources(path.join(STATIC, 'project-settings')),
      ...sources(path.join(STATIC, 'common')).filter((f) => !f.includes(`${path.sep}messages${path.sep}`))
    ];
    const used = new Set(
      files.flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/'([a-z]+\.[A-Za-z0-9_.-]+)'/g)]
          .map((m) => m[1] ?? '')
          .filter((literal) => namespaces.has(literal.split('.')[0]))
      )
    );
    expect([...used].filter((key) => key.startsWith('ps.')).length).toBeGreaterThan(100);
    expect([...used].filter((key) => !(key in projectSettingsMessages.en))).toEqual([]);
    expect(Object.keys(projectSettingsMessages.fr).sort()).toEqual(
      Object.keys(projectSettingsMessages.en).sort()
    );
  });

  it('writes French with a narrow no-break space before the double punctuation, never a plain one', () => {
    const plain = Object.entries(projectSettingsFr).filter(([, text]) => / [:;!?»%]|« /.test(text));
    expect(plain).toEqual([]);
  });
});
