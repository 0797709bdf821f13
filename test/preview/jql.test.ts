import { parseJql, JqlError } from '../../preview/backend/jql';
import { issue, USERS } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';

type SearchResult = {
  issues: { id: string; key?: string; fields?: Record<string, unknown> }[];
  isLast: boolean;
  nextPageToken?: string;
};

const requester = { kind: 'user' as const, accountId: USERS.requester.accountId };

async function search(t: TestSite, jql: string, extra: Record<string, unknown> = {}, who = requester) {
  const res = await t.site.request('jira', who, '/rest/api/3/search/jql', {
    method: 'POST',
    body: JSON.stringify({ jql, fields: ['key'], maxResults: 100, ...extra })
  });
  return {
    status: res.status,
    body: (await res.json()) as SearchResult & { errorMessages?: string[]; errors?: object }
  };
}

async function keys(t: TestSite, jql: string): Promise<string[]> {
  const { status, body } = await search(t, jql);
  if (status !== 200) throw new Error(`${status} ${JSON.stringify(body)}`);
  return body.issues.map((i) => i.key as string);
}

describe('JQL parser', () => {
  it('parses precedence: AND binds tighter than OR, NOT and parentheses', () => {
    expect(parseJql('a = 1 OR b = 2 AND NOT (c = 3)').where).toEqual({
      kind: 'or',
      items: [
        {
          kind: 'cmp',
          field: { kind: 'name', name: 'a' },
          op: '=',
          operand: { kind: 'value', value: '1', quoted: false }
        },
        {
          kind: 'and',
          items: [
            {
              kind: 'cmp',
              field: { kind: 'name', name: 'b' },
              op: '=',
              operand: { kind: 'value', value: '2', quoted: false }
            },
            {
              kind: 'not',
              item: {
                kind: 'cmp',
                field: { kind: 'name', name: 'c' },
                op: '=',
                operand: { kind: 'value', value: '3', quoted: false }
              }
            }
          ]
        }
      ]
    });
  });

  it('unescapes quoted strings as Jira does', () => {
    const q = parseJql(String.raw`summary ~ "say \"hi\" \\ o'k \u00e9"`);
    expect(q.where).toMatchObject({ operand: { value: `say "hi" \\ o'k é` } });
    expect(parseJql(`labels = 'it''s'`.replace("''", "\\'")).where).toMatchObject({
      operand: { value: "it's" }
    });
  });

  it('reads entity properties, cf[] ids, lists and ORDER BY', () => {
    const q = parseJql(
      'issue.property[tandem].tier in (T2, "T3") AND cf[10050] is not EMPTY ORDER BY key DESC, created'
    );
    expect(q.where).toMatchObject({
      items: [
        { field: { kind: 'property', key: 'tandem', path: 'tier' }, op: 'in' },
        { field: { kind: 'name', name: 'customfield_10050' }, op: 'is not', operand: { kind: 'empty' } }
      ]
    });
    expect(q.orderBy).toEqual([
      { field: 'key', dir: 'DESC' },
      { field: 'created', dir: 'ASC' }
    ]);
  });

  it.each([
    ['project = ', 'Expecting either a value, list or function'],
    ['project = "MKT', 'has not been completed'],
    ['project MKT', 'Expecting operator'],
    ['project = MKT AND', 'Expecting a field name'],
    ['project = MKT extra', "Expecting either 'OR' or 'AND'"],
    ['labels = and', 'reserved JQL word'],
    ['summary ~ "a\\qb"', 'illegal'],
    ['project = MKT; DROP TABLE issues', 'reserved JQL character'],
    ['project in (MKT, ', 'Expecting either a value']
  ])('rejects %s', (jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(() => parseJql(jql)).toThrow(message);
  });
});

describe('JQL evaluated by POST /rest/api/3/search/jql', () => {
  let t: TestSite;

  beforeAll(() => {
    t = createTestSite(
      {
        issues: [
          issue({ key: 'MKT-1', issuetype: 'Epic', summary: 'Website rebuild', labels: ['refonte'] }),
          issue({
            key: 'MKT-2',
            summary: 'Pricing landing page',
            parent: 'MKT-1',
            labels: ['landing-page', 'refonte'],
            components: ['Landing pages'],
            assignee: USERS.requester.accountId,
            properties: { tandem: { tier: 'T2', score: 7, tags: ['gdpr', 'form'] } }
          }),
          issue({
            key: 'MKT-3',
            summary: 'Contact form "v2"',
            parent: 'MKT-1',
            labels: ['form'],
            components: ['Forms'],
            status: 'In Progress',
            assignee: USERS.approver.accountId,
            properties: { tandem: { tier: 'T3', score: 3 } }
          }),
          issue({
            key: 'MKT-4',
            summary: 'Newsletter opt-in',
            status: 'Done',
            reporter: USERS.approver.accountId,
            properties: { other: { tier: 'T3' } }
          }),
          issue({ project: 'WEB', issuetype: 'Task', summary: 'Squad task' })
        ]
      },
      { app: 'fixture' }
    );
  });

  afterAll(() => t.close());
  afterEach(() => t.expectClean());

  it('filters by project, type, status, labels and component', async () => {
    expect(await keys(t, 'project = MKT ORDER BY key')).toEqual(['MKT-1', 'MKT-2', 'MKT-3', 'MKT-4']);
    expect(await keys(t, 'project in (MKT, WEB) AND issuetype = Epic')).toEqual(['MKT-1']);
    expect(await keys(t, 'project = MKT AND status != Done ORDER BY key ASC')).toEqual([
      'MKT-1',
      'MKT-2',
      'MKT-3'
    ]);
    expect(await keys(t, 'project = MKT AND labels in (form, landing-page) ORDER BY key')).toEqual([
      'MKT-2',
      'MKT-3'
    ]);
    expect(await keys(t, 'project = MKT AND component = "Landing pages"')).toEqual(['MKT-2']);
    expect(await keys(t, 'project = MKT AND labels is EMPTY')).toEqual(['MKT-4']);
  });

  it('treats != like Jira: issues with an empty field never match', async () => {
    expect(await keys(t, 'project = MKT AND labels != form ORDER BY key')).toEqual(['MKT-1', 'MKT-2']);
    expect(await keys(t, 'project = MKT AND assignee != currentUser()')).toEqual(['MKT-3']);
  });

  it('resolves key, parent, Epic Link, reporter, assignee and currentUser()', async () => {
    expect(await keys(t, 'key in (MKT-3, MKT-2) ORDER BY key DESC')).toEqual(['MKT-3', 'MKT-2']);
    expect(await keys(t, 'parent = MKT-1 ORDER BY key')).toEqual(['MKT-2', 'MKT-3']);
    expect(await keys(t, '"Epic Link" = MKT-1 ORDER BY key')).toEqual(['MKT-2', 'MKT-3']);
    expect(await keys(t, 'assignee = currentUser()')).toEqual(['MKT-2']);
    expect(await keys(t, `reporter = "${USERS.approver.accountId}"`)).toEqual(['MKT-4']);
    expect(await keys(t, 'project = MKT AND assignee is EMPTY ORDER BY key')).toEqual(['MKT-1', 'MKT-4']);
  });

  it('searches indexed entity properties by path and by searchAlias, typed as declared', async () => {
    expect(await keys(t, 'issue.property[tandem].tier = T3')).toEqual(['MKT-3']);
    expect(await keys(t, 'tandemTier in (T2, T3) ORDER BY key')).toEqual(['MKT-2', 'MKT-3']);
    expect(await keys(t, 'tandemScore > 5')).toEqual(['MKT-2']);
    expect(await keys(t, 'tandemScore <= 5')).toEqual(['MKT-3']);
    expect(await keys(t, 'issue.property[tandem].tags = gdpr')).toEqual(['MKT-2']);
    // Not declared in the manifest: Jira has no index for it, so nothing matches.
    expect(await keys(t, 'issue.property[other].tier = T3')).toEqual([]);
  });

  it('supports OR, NOT and parentheses', async () => {
    expect(await keys(t, 'project = MKT AND (status = Done OR labels = form) ORDER BY key')).toEqual([
      'MKT-3',
      'MKT-4'
    ]);
    expect(await keys(t, 'project = MKT AND NOT (status = Done OR labels = form) ORDER BY key')).toEqual([
      'MKT-1',
      'MKT-2'
    ]);
  });

  it('matches summary text and sorts by summary', async () => {
    expect(await keys(t, 'project = MKT AND summary ~ "landing"')).toEqual(['MKT-2']);
    expect(await keys(t, 'project = MKT ORDER BY summary')).toEqual(['MKT-3', 'MKT-4', 'MKT-2', 'MKT-1']);
  });

  it('treats hostile values as plain data', async () => {
    const hostile = [
      'x" OR project = WEB OR labels = "y',
      "') OR 1=1 --",
      'MKT-1 OR key = MKT-2',
      '\u0000',
      '<script>alert(1)</script>'
    ];
    for (const value of hostile) {
      const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      const { status, body } = await search(t, `project = MKT AND labels = "${escaped}"`);
      expect(status).toBe(200);
      expect(body.issues).toEqual([]);
    }
  });

  it("answers 400 in Jira's error shape for anything outside the subset", async () => {
    const cases: [string, string][] = [
      ['project = MKT AND sprint in openSprints()', "Field 'sprint' does not exist"],
      ['project = MKT AND assignee in membersOf("x")', "Unable to find JQL function 'membersof(x)'"],
      ['project = MKT AND summary = exact', "The operator '=' is not supported by the 'summary' field"],
      ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'"],
      ['project = MKT AND status = Shipped', "The value 'Shipped' does not exist for the field 'status'"],
      ['project = MKT AND issuetype = Saga', "The value 'Saga' does not exist for the field 'issuetype'"],
      ['key = MKT-999', "An issue with key 'MKT-999' does not exist"],
      ['project = MKT ORDER BY priority', "Not able to sort using field 'priority'"],
      ['project = MKT AND tandemScore > many', 'not a valid number'],
      ['', 'Unbounded JQL queries are not allowed'],
      ['ORDER BY key', 'Unbounded JQL queries are not allowed']
    ];
    for (const [jql, message] of cases) {
      const { status, body } = await search(t, jql);
      expect({ jql, status }).toEqual({ jql, status: 400 });
      expect(body.errors).toEqual({});
      expect(body.errorMessages?.join(' ')).toContain(message);
    }
  });

  it('hides projects the caller cannot browse, and says so as Jira does', async () => {
    const outsider = { kind: 'user' as const, accountId: USERS.outsider.accountId };
    const { status, body } = await search(t, 'project = MKT', {}, outsider);
    expect(status).toBe(400);
    expect(body.errorMessages).toEqual(["The value 'MKT' does not exist for the field 'project'."]);
    const labels = await search(t, 'labels = refonte', {}, outsider);
    expect(labels.body.issues).toEqual([]);
  });
});
