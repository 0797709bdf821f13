import {
  MAX_SETTINGS_BYTES,
  describeSettingsIssue,
  parseSettings,
  settingsSize,
  type CapacitySettingsInput
} from '../../src/capacity/domain';

const base = (): CapacitySettingsInput => ({
  lanes: [
    { id: 'website-rebuild', name: 'Refonte du site', kind: 'dedicated' },
    { id: 'run', name: 'Run', kind: 'run' },
    { id: 'experiments', name: 'Expérimentations', kind: 'experiments' }
  ],
  people: [
    { accountId: 'a', hoursPerWeek: 40 },
    { accountId: 'b', hoursPerWeek: 35 },
    { accountId: 'c', hoursPerWeek: 35, shares: { 'website-rebuild': 0.5 } }
  ]
});

function problems(input: unknown, lang: 'en' | 'fr' = 'en'): string[] {
  const result = parseSettings(input);
  if (result.ok) return [];
  return result.issues.map((issue) => describeSettingsIssue(issue, lang));
}

describe('capacity settings', () => {
  it('fills the documented defaults', () => {
    const result = parseSettings(base());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.futureOpsHoursPerWeek).toBe(2);
    expect(result.value.experimentsShare).toBe(0.1);
    expect(result.value.period).toEqual({ kind: 'week' });
    expect(result.value.estimate).toEqual({ unit: 'time' });
    expect(result.value.people[0]).toEqual({ accountId: 'a', hoursPerWeek: 40, shares: {}, wipLimit: 3 });
    expect(result.value.lanes[0]).toMatchObject({ owner: null, start: null, end: null, wipLimit: null });
  });

  it('names the field of each cross-field problem, in English and French (the issue examples)', () => {
    const input = base();
    input.lanes.push({ id: 'crm', name: 'CRM', kind: 'dedicated' });
    input.people![2]!.shares = { 'website-rebuild': 0.7, crm: 0.5 };
    input.timeOff = [{ accountId: 'a', start: '2026-12-10', end: '2026-12-09' }];
    input.lanes[1]!.name = ' refonte du SITE ';
    expect(problems(input)).toEqual([
      'lanes[1].name: already used',
      'people[2].shares: sum is 120 %, at most 100 %',
      'timeOff[0]: end before start'
    ]);
    expect(problems(input, 'fr')).toEqual([
      'lanes[1].name: déjà utilisé',
      'people[2].shares: la somme est de 120 %, 100 % au plus',
      'timeOff[0]: fin avant le début'
    ]);
  });

  it('sums shares across lanes and tolerates percentages that do not add up exactly in binary', () => {
    const input = base();
    input.lanes.push({ id: 'crm', name: 'CRM', kind: 'dedicated' });
    input.people![0]!.shares = { 'website-rebuild': 0.7, crm: 0.2 };
    input.people![1]!.shares = { 'website-rebuild': 0.7, crm: 0.6 };
    expect(problems(input)).toEqual(['people[1].shares: sum is 130 %, at most 100 %']);
    input.people![1]!.shares = { 'website-rebuild': 0.7, crm: 0.1, experiments: 0 };
    expect(problems(input)).toEqual([
      'people[1].shares.experiments: only dedicated lanes take shares; run and experiments share the pool'
    ]);
  });

  it('wants exactly one run lane and at most one experiments lane', () => {
    const input = base();
    input.lanes = input.lanes.filter((l) => l.kind !== 'run');
    input.lanes.push({ id: 'more-tests', name: 'More tests', kind: 'experiments' });
    input.people![2]!.shares = {};
    expect(problems(input)).toEqual([
      'lanes: exactly one run lane, found 0',
      'lanes: at most one experiments lane, found 2'
    ]);
    expect(problems(input, 'fr')[0]).toBe('lanes: il faut exactement un couloir run, 0 trouvé(s)');
  });

  it('refuses unknown lanes in shares and rules, unknown people in time off, duplicate ids', () => {
    const input = base();
    input.people![0]!.shares = { nope: 0.1 };
    input.people!.push({ accountId: 'a', hoursPerWeek: 10 });
    input.rules = [{ field: 'label', value: 'seo', lane: 'ghost' }];
    input.timeOff = [{ accountId: 'zed', start: '2026-12-01', end: '2026-12-01' }];
    input.lanes.push({ id: 'run', name: 'Run bis', kind: 'dedicated' });
    expect(problems(input)).toEqual([
      'lanes[3].id: already used',
      'people[0].shares.nope: no lane "nope"',
      'people[3].accountId: already used',
      'timeOff[0].accountId: zed is not in people',
      'rules[0].lane: no lane "ghost"'
    ]);
  });

  it('reports shape problems with their path in both languages', () => {
    const input = base() as Record<string, unknown>;
    input.experimentsShare = 0.2;
    input.lanes = [
      { id: 'Website Rebuild', name: 'W', kind: 'dedicated', colour: 'chartreuse', start: '2026-02-30' },
      { id: 'run', name: 'Run', kind: 'run', extra: true }
    ];
    const en = problems(input);
    expect(en).toEqual(
      expect.arrayContaining([
        'lanes[0].id: lowercase letters, digits and dashes, such as "website-rebuild"',
        'lanes[0].start: expected a date such as 2026-12-01',
        expect.stringMatching(/^lanes\[0\]\.colour: expected one of blue, teal/),
        'lanes[1]: unknown field "extra"',
        'experimentsShare: at most 0.1'
      ])
    );
    expect(problems(input, 'fr')).toEqual(
      expect.arrayContaining([
        'lanes[0].start: date attendue, par exemple 2026-12-01',
        'experimentsShare: 0,1 au plus',
        'lanes[1]: champ inconnu « extra »'
      ])
    );
  });

  it('measures the stored size and refuses settings over 240 KiB before parsing them', () => {
    const input = base();
    expect(settingsSize(input)).toBe(Buffer.byteLength(JSON.stringify(input), 'utf8'));
    input.timeOff = Array.from({ length: 5000 }, (_, i) => ({
      accountId: `a-${'x'.repeat(40)}-${i}`,
      start: '2026-12-01',
      end: '2026-12-01'
    }));
    expect(settingsSize(input)).toBeGreaterThan(MAX_SETTINGS_BYTES);
    const result = parseSettings(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.code).toBe('tooLarge');
    expect(describeSettingsIssue(result.issues[0]!, 'en')).toMatch(
      /^\(root\): the settings take [\d.]+ KiB, at most 240 KiB$/
    );
  });

  it('accepts a sprint period and story points', () => {
    const result = parseSettings({
      ...base(),
      period: { kind: 'sprint', weeks: 2, anchor: '2026-11-02' },
      estimate: { unit: 'storyPoints', hoursPerPoint: 6 }
    });
    expect(result.ok).toBe(true);
    expect(problems({ ...base(), period: { kind: 'sprint', weeks: 0, anchor: '2026-11-02' } })).toEqual([
      'period.weeks: at least 1'
    ]);
  });
});
