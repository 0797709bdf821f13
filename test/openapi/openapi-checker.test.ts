import {
  assertExchange,
  checkAdf,
  checkExchange,
  operationFor,
  type Exchange
} from '../../preview/openapi/openapi';

const SITE = 'https://tandem-test.atlassian.net';

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const adfDoc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });

const issueType = {
  self: `${SITE}/rest/api/3/issuetype/10042`,
  id: '10042',
  description: 'A marketing campaign',
  iconUrl: `${SITE}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10300?size=medium`,
  name: 'Campaign',
  untranslatedName: 'Campaign',
  subtask: false,
  avatarId: 10300,
  hierarchyLevel: 0,
  entityId: '9d7dd6f7-e8b6-4247-954b-7b2c9b2a5ba2'
};

const createIssueType = (over: Partial<Exchange> = {}): Exchange => ({
  product: 'jira',
  method: 'POST',
  path: '/rest/api/3/issuetype',
  query: {},
  requestBody: { name: 'Campaign', description: 'A marketing campaign', hierarchyLevel: 0 },
  status: 201,
  responseBody: issueType,
  ...over
});

describe('OpenAPI contract checker', () => {
  it('accepts a correct request and response', () => {
    expect(checkExchange(createIssueType())).toEqual([]);
    expect(() => assertExchange(createIssueType())).not.toThrow();
  });

  it('accepts a search with nextPageToken paging and an ADF description in the response', () => {
    const errors = checkExchange({
      product: 'jira',
      method: 'POST',
      path: '/rest/api/3/search/jql',
      query: {},
      requestBody: {
        jql: 'project = MKT ORDER BY created',
        fields: ['summary', 'description'],
        maxResults: 50,
        nextPageToken: 'abc'
      },
      status: 200,
      responseBody: {
        issues: [
          {
            id: '10001',
            key: 'MKT-1',
            self: `${SITE}/rest/api/3/issue/10001`,
            fields: { summary: 'Launch', description: adfDoc(paragraph('Hello')) }
          }
        ],
        nextPageToken: 'def',
        isLast: false
      }
    });
    expect(errors).toEqual([]);
  });

  it('accepts Jira timestamps (+0000 offsets), rejects malformed ones', () => {
    const comment = (created: string): Exchange => ({
      product: 'jira',
      method: 'GET',
      path: '/rest/api/3/issue/MKT-1/comment/10000',
      query: {},
      status: 200,
      responseBody: {
        id: '10000',
        self: `${SITE}/rest/api/3/issue/10010/comment/10000`,
        created,
        body: adfDoc(paragraph('ok'))
      }
    });
    expect(checkExchange(comment('2026-11-25T10:00:00.000+0000'))).toEqual([]);
    expect(checkExchange(comment('2026-11-25T10:00:00.000Z'))).toEqual([]);
    expect(checkExchange(comment('yesterday')).join('\n')).toMatch(/created must match format "date-time"/);
  });

  it('accepts query values given in the path', () => {
    expect(
      checkExchange({
        product: 'jira',
        method: 'GET',
        path: '/rest/api/3/mypermissions?permissions=ADMINISTER',
        query: {},
        status: 200,
        responseBody: {
          permissions: {
            ADMINISTER: {
              id: '0',
              key: 'ADMINISTER',
              name: 'Administer Jira',
              type: 'GLOBAL',
              havePermission: true
            }
          }
        }
      })
    ).toEqual([]);
  });

  it('rejects an unknown path', () => {
    const errors = checkExchange(createIssueType({ path: '/rest/api/3/issuetypes' }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/no jira operation matches/);
    expect(checkExchange(createIssueType({ method: 'PATCH' }))[0]).toMatch(/no jira operation matches/);
    expect(operationFor('GET', '/rest/api/3/no-such-thing')).toBeUndefined();
  });

  it('rejects a deprecated operation (the old search answers 410 on real sites)', () => {
    const errors = checkExchange({
      product: 'jira',
      method: 'GET',
      path: '/rest/api/3/search',
      query: { jql: 'order by created' },
      status: 200,
      responseBody: {}
    });
    expect(errors.join('\n')).toMatch(/deprecated/);
  });

  it('rejects a query parameter of the wrong type, and an unknown one', () => {
    const base: Exchange = {
      product: 'jira',
      method: 'GET',
      path: '/rest/api/3/issuetypescheme/project',
      query: { projectId: ['10000'], startAt: '0', maxResults: '50' },
      status: 200,
      responseBody: { isLast: true, maxResults: 50, startAt: 0, total: 0, values: [] }
    };
    expect(checkExchange(base)).toEqual([]);
    expect(checkExchange({ ...base, query: { projectId: ['MKT'] } }).join('\n')).toMatch(
      /projectId\/0 must be integer/
    );
    expect(checkExchange({ ...base, query: { projectId: '10000', maxResults: 'fifty' } }).join('\n')).toMatch(
      /maxResults must be integer/
    );
    expect(checkExchange({ ...base, query: { projectId: '10000', projectIds: '1' } }).join('\n')).toMatch(
      /unknown query parameter 'projectIds'/
    );
    expect(checkExchange({ ...base, query: {} }).join('\n')).toMatch(/projectId/);
  });

  it('rejects a request body with an extra or a wrong property, or a missing required body', () => {
    const extra = checkExchange(
      createIssueType({ requestBody: { name: 'Campaign', hierarchyLevel: 0, colour: 'red' } })
    );
    expect(extra.join('\n')).toMatch(/request body .*additional properties 'colour'/);
    const wrong = checkExchange(
      createIssueType({ requestBody: { name: 'Campaign', hierarchyLevel: 'standard' } })
    );
    expect(wrong.join('\n')).toMatch(/request body \/hierarchyLevel must be integer/);
    const missing = checkExchange(createIssueType({ requestBody: { description: 'no name' } }));
    expect(missing.join('\n')).toMatch(/must have required property 'name'/);
    expect(checkExchange(createIssueType({ requestBody: undefined })).join('\n')).toMatch(
      /request body is required/
    );
  });

  it('rejects a deliberately wrong fake response', () => {
    const errors = checkExchange(createIssueType({ responseBody: { ...issueType, hierarchyLevel: 'zero' } }));
    expect(errors).toEqual(['POST /rest/api/3/issuetype: response 201 /hierarchyLevel must be integer']);
    expect(checkExchange(createIssueType({ responseBody: undefined })).join('\n')).toMatch(
      /must have a JSON body/
    );
  });

  it('relaxes additionalProperties for responses only', () => {
    // IssueTypeScheme is `additionalProperties: false` in the document; Jira adds fields over
    // time, so a response with an extra one is tolerated (requests stay strict: see 'colour').
    const response = {
      isLast: true,
      maxResults: 50,
      startAt: 0,
      total: 1,
      values: [
        {
          issueTypeScheme: { id: '1', name: 'Default', isDefault: true, extra: 'tolerated' },
          projectIds: ['10000']
        }
      ]
    };
    expect(
      checkExchange({
        product: 'jira',
        method: 'GET',
        path: '/rest/api/3/issuetypescheme/project',
        query: { projectId: '10000' },
        status: 200,
        responseBody: response
      })
    ).toEqual([]);
  });

  it('rejects an undocumented status but tolerates platform rate limiting', () => {
    expect(checkExchange(createIssueType({ status: 418, responseBody: undefined })).join('\n')).toMatch(
      /status 418 is not documented/
    );
    expect(checkExchange(createIssueType({ status: 429, responseBody: undefined }))).toEqual([]);
    expect(
      checkExchange(createIssueType({ status: 403, responseBody: { errorMessages: ['no'], errors: {} } }))
    ).toEqual([]);
  });

  it('expects no body on 204', () => {
    const put = (responseBody: unknown): Exchange => ({
      product: 'jira',
      method: 'PUT',
      path: '/rest/api/3/issuetypescheme/10000/issuetype',
      query: {},
      requestBody: { issueTypeIds: ['10042'] },
      status: 204,
      responseBody
    });
    expect(checkExchange(put(undefined))).toEqual([]);
    expect(checkExchange(put({ ok: true })).join('\n')).toMatch(/204 must not have a body/);
    expect(
      checkExchange({ ...put(undefined), path: '/rest/api/3/issuetypescheme/default/issuetype' }).join('\n')
    ).toMatch(/issueTypeSchemeId must be integer/);
  });

  it('validates ADF bodies: an invalid document fails, a valid one passes', () => {
    const comment = (body: unknown): Exchange => ({
      product: 'jira',
      method: 'POST',
      path: '/rest/api/3/issue/MKT-1/comment',
      query: {},
      requestBody: { body },
      status: 201,
      responseBody: { id: '10000', self: `${SITE}/rest/api/3/issue/10010/comment/10000`, body }
    });
    expect(checkExchange(comment(adfDoc(paragraph('Looks good'))))).toEqual([]);
    const bad = checkExchange(comment(adfDoc({ type: 'paragraph', content: [{ type: 'text' }] })));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.join('\n')).toMatch(/invalid ADF document/);
    expect(checkAdf(adfDoc(paragraph('ok')))).toEqual([]);
    expect(checkAdf({ type: 'doc', content: [] })).not.toEqual([]); // version is required
  });

  it('checks Confluence v2 (paths relative to /wiki/api/v2) including atlas_doc_format bodies', () => {
    const page = (value: string): Exchange => ({
      product: 'confluence',
      method: 'GET',
      path: '/wiki/api/v2/pages/123',
      query: { 'body-format': 'atlas_doc_format' },
      status: 200,
      responseBody: {
        id: '123',
        title: 'Retro',
        status: 'current',
        body: { atlas_doc_format: { representation: 'atlas_doc_format', value } }
      }
    });
    expect(checkExchange(page(JSON.stringify(adfDoc(paragraph('Went well')))))).toEqual([]);
    expect(checkExchange(page(JSON.stringify(adfDoc({ type: 'nonsense' })))).join('\n')).toMatch(
      /invalid ADF/
    );
    expect(checkExchange({ ...page('{}'), query: { 'body-format': 'wiki-markup' } }).join('\n')).toMatch(
      /body-format/
    );
  });

  it('finds operations and their OAuth scopes, for concrete paths and {placeholders}', () => {
    const create = operationFor('POST', '/rest/api/3/issuetype');
    expect(create).toMatchObject({
      operationId: 'createIssueType',
      pathTemplate: '/rest/api/3/issuetype',
      product: 'jira'
    });
    expect(create?.scopes.find((s) => s.state === 'Current')?.scopes).toEqual(['manage:jira-configuration']);
    expect(operationFor('PUT', '/rest/api/3/issuetypescheme/{p1}/issuetype')?.operationId).toBe(
      'addIssueTypesToIssueTypeScheme'
    );
    expect(operationFor('GET', '/rest/api/3/issuetypescheme/project')?.operationId).toBe(
      'getIssueTypeSchemeForProjects'
    );
    expect(operationFor('GET', '/rest/agile/1.0/board')?.document).toBe('jira-agile');
    expect(operationFor('GET', '/wiki/api/v2/pages/{id}')).toMatchObject({
      operationId: 'getPageById',
      product: 'confluence',
      pathTemplate: '/wiki/api/v2/pages/{id}'
    });
    expect(operationFor('GET', '/wiki/rest/api/search')?.document).toBe('confluence-v1');
  });
});
