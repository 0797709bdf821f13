import { InvalidInputError } from './errors';

/**
 * Validators for every value that reaches a REST path. `route` rejects `/ ? # ..` but does
 * not otherwise constrain path segments, so each id is checked against the shape Jira uses.
 */
const NUMERIC_ID = /^[0-9]{1,18}$/;
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[0-9]{1,18}$/;
const FIELD_ID = /^(customfield_[0-9]{1,18}|[a-zA-Z][a-zA-Z0-9]{0,63})$/;
const PROPERTY_KEY = /^[a-zA-Z][a-zA-Z0-9._-]{0,254}$/;

function check(pattern: RegExp, value: unknown, field: string, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new InvalidInputError(`${field} must be ${what}`, field);
  }
  return value;
}

export const numericId = (value: unknown, field = 'id'): string =>
  check(NUMERIC_ID, value, field, 'a numeric Jira id');
export const projectKey = (value: unknown, field = 'projectKey'): string =>
  check(PROJECT_KEY, value, field, 'a Jira project key');
export const issueKey = (value: unknown, field = 'issueKey'): string =>
  check(ISSUE_KEY, value, field, 'a Jira issue key');
export const issueIdOrKey = (value: unknown, field = 'issue'): string =>
  typeof value === 'string' && NUMERIC_ID.test(value) ? value : issueKey(value, field);
export const projectIdOrKey = (value: unknown, field = 'project'): string =>
  typeof value === 'string' && NUMERIC_ID.test(value) ? value : projectKey(value, field);
export const fieldId = (value: unknown, field = 'fieldId'): string =>
  check(FIELD_ID, value, field, 'a Jira field id');
export const propertyKey = (value: unknown, field = 'propertyKey'): string =>
  check(PROPERTY_KEY, value, field, 'an entity property key');
