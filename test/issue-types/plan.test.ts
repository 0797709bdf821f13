import { FIELDS, ISSUE_TYPES } from '../../src/issue-types/domain/catalogue';
import { decideField, decideIssueType, missingOptions } from '../../src/issue-types/domain/plan';

const spec = (key: string) => ISSUE_TYPES.find((type) => type.key === key)!;
const field = (key: string) => FIELDS.find((candidate) => candidate.key === key)!;

describe('the catalogue', () => {
  it('has the eight shared types, each named in English and French', () => {
    expect(ISSUE_TYPES.map((type) => type.names.en)).toEqual([
      'Campaign',
      'Landing Page',
      'Web Form',
      'Creative Asset',
      'IT Change',
      'Experiment',
      'Strategic Idea',
      'Retro Action'
    ]);
    for (const type of ISSUE_TYPES) {
      expect(type.names.fr.length).toBeGreaterThan(0);
      expect(type.descriptions.fr.length).toBeGreaterThan(0);
      for (const key of type.fields) expect(FIELDS.some((candidate) => candidate.key === key)).toBe(true);
    }
  });

  it('keeps names unique across types and fields in both languages', () => {
    const names = [...ISSUE_TYPES, ...FIELDS].flatMap((item) => [item.names.en, item.names.fr]);
    const perItem = [...ISSUE_TYPES, ...FIELDS].map((item) => new Set([item.names.en, item.names.fr]).size);
    expect(new Set(names).size).toBe(perItem.reduce((a, b) => a + b, 0));
  });

  it('documents a scale for every field', () => {
    for (const candidate of FIELDS) {
      expect(candidate.scale.en).not.toBe('');
      expect(candidate.scale.fr).not.toBe('');
    }
  });
});

describe('decideIssueType', () => {
  it('creates a missing type in the chosen language', () => {
    expect(decideIssueType(spec('landing-page'), 'fr', [])).toEqual({
      action: 'create',
      name: "Page d'atterrissage"
    });
  });

  it('adopts a type with the same name in either language, ignoring case and spaces', () => {
    const existing = [{ id: '10001', name: '  campagne ', hierarchyLevel: 0 }];
    expect(decideIssueType(spec('campaign'), 'en', existing)).toEqual({
      action: 'adopt',
      id: '10001',
      name: '  campagne '
    });
  });

  it('does not adopt a sub-task, an epic-level type or a team-managed project type', () => {
    const existing = [
      { id: '1', name: 'Campaign', subtask: true, hierarchyLevel: -1 },
      { id: '2', name: 'Campaign', hierarchyLevel: 1 },
      { id: '3', name: 'Campaign', hierarchyLevel: 0, scope: { type: 'PROJECT' } }
    ];
    expect(decideIssueType(spec('campaign'), 'en', existing).action).toBe('create');
  });

  it('keeps the recorded type even after an admin renamed it', () => {
    const existing = [{ id: '77', name: 'Marketing campaign' }];
    expect(decideIssueType(spec('campaign'), 'en', existing, '77')).toEqual({
      action: 'keep',
      id: '77',
      name: 'Marketing campaign'
    });
  });

  it('falls back to matching by name when the recorded type was deleted', () => {
    expect(decideIssueType(spec('campaign'), 'en', [], '77')).toEqual({ action: 'create', name: 'Campaign' });
  });
});

describe('decideField', () => {
  const number = { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float' };

  it('adopts a same-name field of a compatible type', () => {
    const decision = decideField(field('reach'), 'en', [
      { id: 'customfield_1', name: 'Portée', custom: true, schema: number }
    ]);
    expect(decision).toMatchObject({ action: 'adopt', id: 'customfield_1' });
  });

  it('never reuses a same-name field of another type and never adds a namesake', () => {
    const jsmImpact = {
      id: 'customfield_9',
      name: 'Impact',
      custom: true,
      schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select' }
    };
    const decision = decideField(field('impact'), 'en', [jsmImpact]);
    expect(decision).toMatchObject({ action: 'create', name: 'Impact (RICE)' });
    expect(decision.conflicts).toEqual([
      {
        id: 'customfield_9',
        name: 'Impact',
        type: 'com.atlassian.jira.plugin.system.customfieldtypes:select'
      }
    ]);
  });

  it('adopts the fallback name when that one is compatible', () => {
    const fields = [
      { id: 'customfield_9', name: 'Impact', custom: true, schema: { type: 'option' } },
      { id: 'customfield_10', name: 'Impact (RICE)', custom: true, schema: number }
    ];
    expect(decideField(field('impact'), 'fr', fields)).toMatchObject({
      action: 'adopt',
      id: 'customfield_10'
    });
  });

  it('ignores system fields when matching names', () => {
    expect(decideField(field('effort'), 'en', [{ id: 'effort', name: 'Effort', custom: false }]).action).toBe(
      'create'
    );
  });
});

describe('missingOptions', () => {
  it('lists only options absent in both languages', () => {
    expect(missingOptions(field('requesting-team'), 'fr', ['Marketing', 'Creative'])).toEqual([
      'IT',
      'Marketing Ops'
    ]);
    expect(missingOptions(field('requesting-team'), 'en', [])).toEqual([
      'Marketing',
      'Creative',
      'IT',
      'Marketing Ops'
    ]);
  });
});
