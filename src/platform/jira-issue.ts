import api, { route, type Route } from '@forge/api';
import { PlatformError } from './errors';
import {
  guard,
  bool,
  nullable,
  object,
  optional,
  str,
  stringRecord,
  unknownValue,
  type Guard
} from './guard';
import { DEFAULT_RETRY_POLICY, send as sendWithRetry, type ProductRequester, type RetryPolicy } from './http';
import { numericId } from './ids';

/**
 * One Jira read, the issue, apart from the full client (jira.ts): the workflow validator needs only
 * this, and the full client parses its many responses with zod, half of a bundle. The issue's
 * shape is checked by a hand-written guard that test/platform/jira-issue.test.ts holds to the
 * client's zod schema.
 */

export const jiraIssueGuard = guard(
  object({
    id: str(),
    key: str(),
    fields: optional(
      object({
        summary: optional(str()),
        reporter: optional(nullable(object({ accountId: str() }))),
        project: optional(object({ id: str(), key: optional(str()), simplified: optional(bool) })),
        issuetype: optional(object({ id: optional(str()), name: optional(str()) }))
      })
    ),
    /** The entity properties asked for with `properties=`, by key. */
    properties: optional(stringRecord(unknownValue))
  })
);

export type JiraIssue = ReturnType<(typeof jiraIssueGuard)['parse']>;

export type IssueField = 'summary' | 'reporter' | 'project' | 'issuetype';

/** An entity property key as Jira accepts it in `properties=` (no comma, no space). */
const PROPERTY_KEY = /^[A-Za-z0-9._-]{1,255}$/;

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;

export function issueIdOrKey(value: string): string {
  if (ISSUE_KEY.test(value)) return value;
  return numericId(value, 'issueIdOrKey');
}

/** A Jira answer that is not the shape the app reads, as the full client reports it. */
export function parseJiraResponse<T>(schema: Guard<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  let reason = '';
  try {
    schema.parse(body);
  } catch (error) {
    reason = error instanceof Error ? error.message : '';
  }
  throw new PlatformError('upstream', `Unexpected Jira response for ${what}: ${reason}`);
}

export class JiraIssueReader {
  constructor(
    private readonly requester: ProductRequester,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY
  ) {}

  /** Same shape as JiraClient's, so Forge's permission linter sees the route it calls. */
  private async requestJira(path: Route): Promise<unknown> {
    return (await sendWithRetry(this.requester, 'GET', path, {}, this.retry)).body;
  }

  /** An issue by id or key with only the fields asked for, as `JiraClient.getIssue`. */
  async getIssue(
    idOrKey: string,
    fields: ReadonlyArray<IssueField> = ['summary', 'reporter', 'project', 'issuetype'],
    properties: ReadonlyArray<string> = []
  ): Promise<JiraIssue> {
    const ref = issueIdOrKey(idOrKey);
    if (properties.some((key) => !PROPERTY_KEY.test(key))) {
      throw new PlatformError('bad-request', 'Not an issue property key');
    }
    const query = new URLSearchParams({
      fields: fields.join(','),
      ...(properties.length > 0 ? { properties: properties.join(',') } : {})
    });
    return parseJiraResponse(
      jiraIssueGuard,
      await this.requestJira(route`/rest/api/3/issue/${ref}?${query}`),
      'issue'
    );
  }
}

export const issueReaderAsApp = (retry: RetryPolicy = DEFAULT_RETRY_POLICY): JiraIssueReader =>
  new JiraIssueReader((path, init) => api.asApp().requestJira(path, init), retry);
