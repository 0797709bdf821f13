/**
 * The issue trigger's filter.expression as the embedded runtime evaluates it (the subset of
 * Forge's expression language Tandem uses): it lets through exactly the guardrail types' catalogue
 * names (EN, FR, either apostrophe) and nothing else, so an event on any other type costs no
 * invocation. The manifest's names are checked against the catalogue, so renaming a type there
 * without the filter fails here.
 */
import path from 'node:path';
import { loadManifest } from '../../preview/runtime/manifest';
import { compileTriggerFilter, FilterSyntaxError } from '../../preview/runtime/trigger-filter';
import { ISSUE_TYPES } from '../../src/issue-types/domain/catalogue';
import { GUARDRAIL_TYPE_KEYS } from '../../src/guardrails/issue-context';

const manifest = loadManifest({ path: path.resolve(__dirname, '../../manifest.yml') });
const issueTrigger = manifest.triggers.find((t) => t.functionKey === 'issue-events');

const eventOf = (name: string | undefined) => ({
  eventType: 'avi:jira:updated:issue',
  issue: { id: '10001', key: 'GRD-1', fields: { issuetype: name === undefined ? null : { id: '1', name } } }
});

describe('issue trigger filter', () => {
  it('is declared, with ignoreSelf', () => {
    expect(issueTrigger?.ignoreSelf).toBe(true);
    expect(issueTrigger?.accepts).toBeDefined();
  });

  it('delivers every guardrail type name of the catalogue, in both languages and both apostrophes', () => {
    const accepts = issueTrigger?.accepts ?? (() => ({ deliver: true }));
    const guardrail = ISSUE_TYPES.filter((t) => (GUARDRAIL_TYPE_KEYS as readonly string[]).includes(t.key));
    const names = guardrail.flatMap((t) => [t.names.en, t.names.fr]);
    const variants = [...names, ...names.map((n) => n.replace(/'/g, '’'))];
    expect(variants.length).toBeGreaterThanOrEqual(4);
    for (const name of variants) expect([name, accepts(eventOf(name))]).toEqual([name, { deliver: true }]);
  });

  it('turns down every other catalogue type, Jira’s own types and an event without a type', () => {
    const accepts = issueTrigger?.accepts ?? (() => ({ deliver: true }));
    const others = ISSUE_TYPES.filter((t) => !(GUARDRAIL_TYPE_KEYS as readonly string[]).includes(t.key));
    for (const name of [...others.flatMap((t) => [t.names.en, t.names.fr]), 'Task', 'Bug', 'Story', 'Epic'])
      expect([name, accepts(eventOf(name))]).toEqual([name, { deliver: false }]);
    expect(accepts(eventOf(undefined))).toEqual({ deliver: false });
    expect(accepts({ eventType: 'avi:jira:updated:issue' })).toMatchObject({ deliver: false });
  });
});

describe('filter evaluation (onError)', () => {
  const strict = (onError: 'IGNORE_AND_LOG' | 'IGNORE' | 'RECEIVE_AND_LOG') =>
    compileTriggerFilter({ expression: "event.issue.fields.issuetype.name == 'Web Form'", onError });

  it('reading a property of null without ?. is an error handled as onError says', () => {
    const noType = eventOf(undefined);
    expect(strict('IGNORE_AND_LOG')(noType)).toEqual({
      deliver: false,
      log: expect.stringMatching(/name/) as unknown
    });
    expect(strict('IGNORE')(noType)).toEqual({ deliver: false });
    expect(strict('RECEIVE_AND_LOG')(noType)).toEqual({
      deliver: true,
      log: expect.stringMatching(/name/) as unknown
    });
    expect(strict('IGNORE')(eventOf('Web Form'))).toEqual({ deliver: true });
  });

  it('&&, !, != and parentheses', () => {
    const f = compileTriggerFilter({
      expression: "!(event.issue.key == 'GRD-2') && (event.issue.fields?.issuetype?.name != 'Task')",
      onError: 'IGNORE'
    });
    expect(f(eventOf('Web Form'))).toEqual({ deliver: true });
    expect(f(eventOf('Task'))).toEqual({ deliver: false });
  });

  it("reads the capacity trigger's lists: includes() and some(item => ...) over the changelog", () => {
    const f = compileTriggerFilter({
      expression:
        "event.changelog == null || event.changelog.items.some(item => ['labels', 'components'].includes(item.field))",
      onError: 'IGNORE'
    });
    const edit = (field: string) => ({ changelog: { items: [{ field }, { field: 'summary' }] } });
    expect(f(edit('labels'))).toEqual({ deliver: true });
    expect(f(edit('description'))).toEqual({ deliver: false });
    expect(f({})).toEqual({ deliver: true });
  });

  it('refuses syntax it cannot judge instead of guessing', () => {
    for (const expression of [
      "event.issue.fields.labels.filter(l => l == 'web').length == 1",
      "[event.issue.key].map(k => k).includes('A')",
      "issue.key == 'A'",
      "event.issue.key == 'A' ||",
      'event.issue.key = 1'
    ])
      expect(() => compileTriggerFilter({ expression, onError: 'IGNORE' })).toThrow(FilterSyntaxError);
  });
});
