import { CUSTOM_FIELD_TYPES, STATUS_CATEGORIES, STATUSES } from '../catalog';
import { isRecord, jiraError, ok, qInt, qList, qString, type Res, type Router } from '../http';
import { compileClause, compileOrder, type JqlEnv, JqlError, parseJql } from '../jql';
import type { FieldDoc, IssueDoc, IssueTypeDoc, Principal, ProjectDoc } from '../types';
import type { JiraContext } from './context';
import { createHash } from 'node:crypto';

const SEARCH_DEFAULT_MAX = 50;
const SEARCH_MAX_FULL = 100;
const SEARCH_MAX_IDS = 5000;

/** The enhanced JQL search (/search/jql) and the removed /search, answered 410 as on real sites. */
export function searchRoutes(r: Router, ctx: JiraContext): void {
  const { site, typeById, issueBean } = ctx;

  const jqlEnv = (principal: Principal): JqlEnv => {
    const visibleProjects = site.docs.all<ProjectDoc>('projects').filter((p) => site.canBrowse(principal, p));
    const types = site.docs.all<IssueTypeDoc>('issueTypes');
    const missing = (field: string, v: string): never => {
      throw new JqlError(`The value '${v}' does not exist for the field '${field}'.`);
    };
    return {
      ...(principal.kind === 'user' ? { currentUser: principal.accountId } : {}),
      projectIds: (v) => {
        const p = visibleProjects.find(
          (x) => x.key === v.toUpperCase() || x.id === v || x.name.toLowerCase() === v.toLowerCase()
        );
        return p ? [p.id] : missing('project', v);
      },
      issueTypeIds: (v) => {
        const hits = types.filter((t) => t.id === v || t.name.toLowerCase() === v.toLowerCase());
        return hits.length ? hits.map((t) => t.id) : missing('issuetype', v);
      },
      statusIds: (v) => {
        const s = STATUSES.find((x) => x.id === v || x.name.toLowerCase() === v.toLowerCase());
        return s ? [s.id] : missing('status', v);
      },
      statusCategoryKeys: (v) => {
        const c = Object.values(STATUS_CATEGORIES).find(
          (x) => x.key === v.toLowerCase() || String(x.id) === v || x.name.toLowerCase() === v.toLowerCase()
        );
        return c ? [c.key] : missing('statusCategory', v);
      },
      statusCategoryOf: (id) => STATUSES.find((s) => s.id === id)?.category ?? 'new',
      issueId: (v, field) => {
        const i = site.issueByIdOrKey(v);
        const p = i && visibleProjects.find((x) => x.id === i.projectId);
        if (i && p) return i.id;
        if (/^\d+$/.test(v)) return undefined;
        if (!/^[A-Za-z][A-Za-z0-9]*-\d+$/.test(v))
          throw new JqlError(`The issue key '${v}' for field '${field}' is invalid.`);
        throw new JqlError(`An issue with key '${v}' does not exist for field '${field}'.`);
      },
      epicIds: (v) => {
        const i = site.issueByIdOrKey(v);
        if (
          !i ||
          typeById(i.issueTypeId).hierarchyLevel !== 1 ||
          !visibleProjects.some((p) => p.id === i.projectId)
        )
          throw new JqlError(`The issue '${v}' is not an epic or does not exist.`);
        return [i.id];
      },
      customField: (id) => {
        const f = site.docs.get<FieldDoc>('fields', id);
        return f?.custom ? { optionField: !!CUSTOM_FIELD_TYPES[f.type]?.options } : undefined;
      },
      propertyIndex: (key, path) => site.indexedProperty(key, path),
      alias: (name) => site.propertyAlias(name),
      issueById: (id) => site.docs.peek<IssueDoc>('issues', id),
      issueTypeLevel: (id) => typeById(id).hierarchyLevel,
      sortValue: (i, field) => {
        switch (field) {
          case 'key':
          case 'issuekey': {
            const p = site.docs.peek<ProjectDoc>('projects', i.projectId);
            const n = Number(i.key.split('-')[1]);
            return `${p?.key ?? ''}-${String(n).padStart(10, '0')}`;
          }
          case 'id':
          case 'rank':
            return Number(i.id);
          case 'created':
            return i.created;
          case 'updated':
            return i.updated;
          case 'resolved':
            return i.resolved;
          case 'summary':
            return i.summary.toLowerCase();
          case 'status':
            return STATUSES.findIndex((s) => s.id === i.statusId);
          case 'project':
            return site.docs.get<ProjectDoc>('projects', i.projectId)?.key;
          case 'issuetype':
          case 'type':
            return typeById(i.issueTypeId).name;
          case 'assignee':
          case 'reporter': {
            const who = field === 'assignee' ? i.assignee : i.reporter;
            return who ? site.user(who)?.displayName : undefined;
          }
          default: {
            const alias = site.propertyAlias(field);
            if (!alias) return undefined;
            const v = alias.path
              .split('.')
              .reduce<unknown>(
                (acc, k) => (isRecord(acc) ? acc[k] : undefined),
                i.properties[alias.propertyKey]
              );
            return typeof v === 'number' || typeof v === 'string' ? v : undefined;
          }
        }
      }
    };
  };

  const searchCache = new Map<string, IssueDoc[]>();

  const search = (principal: Principal, input: Record<string, unknown>): Res => {
    const jql = typeof input.jql === 'string' ? input.jql : '';
    const fields = Array.isArray(input.fields) ? input.fields.map(String) : [];
    const properties = Array.isArray(input.properties) ? input.properties.map(String) : [];
    const idsOnly = fields.every((f) => f === 'id' || f === 'key');
    const cap = idsOnly ? SEARCH_MAX_IDS : SEARCH_MAX_FULL;
    const requested = input.maxResults === undefined ? SEARCH_DEFAULT_MAX : Number(input.maxResults);
    if (!Number.isInteger(requested) || requested < 0)
      throw jiraError(400, ['maxResults must be a positive integer.']);
    const maxResults = Math.min(requested, cap);
    let where, orderBy;
    try {
      const parsed = parseJql(jql);
      // The enhanced search refuses queries that would scan the whole site.
      if (!parsed.where)
        throw jiraError(400, [
          'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'
        ]);
      const env = jqlEnv(principal);
      where = compileClause(parsed.where, env);
      orderBy = compileOrder(parsed.orderBy, env);
    } catch (e) {
      if (e instanceof JqlError) throw jiraError(400, [e.message]);
      throw e;
    }
    const tokenSeed = createHash('sha256')
      .update(`${jql}\u0000${principal.kind === 'user' ? principal.accountId : 'app'}`)
      .digest('base64url')
      .slice(0, 16);
    let offset = 0;
    if (input.nextPageToken !== undefined && input.nextPageToken !== null) {
      const decoded = typeof input.nextPageToken === 'string' ? decodeToken(input.nextPageToken) : undefined;
      if (!decoded || decoded.h !== tokenSeed)
        throw jiraError(400, ['The provided next page token is invalid or expired.']);
      offset = decoded.o;
    }
    const browsable = new Set(
      site.docs
        .all<ProjectDoc>('projects')
        .filter((p) => site.canBrowse(principal, p))
        .map((p) => p.id)
    );
    // Paging re-runs the same query: keep its ordered hits while no document has changed.
    const cacheKey = `${tokenSeed}\u0000${site.docs.version}`;
    let hits = searchCache.get(cacheKey);
    if (!hits) {
      hits = orderBy(
        site.docs.peekAll<IssueDoc>('issues').filter((i) => browsable.has(i.projectId) && where(i))
      );
      if (searchCache.size >= 16) searchCache.delete(searchCache.keys().next().value as string);
      searchCache.set(cacheKey, hits);
    }
    const slice = hits.slice(offset, offset + maxResults);
    const isLast = offset + slice.length >= hits.length;
    const issues = slice.map((i) => {
      if (fields.length === 0 && properties.length === 0) return { id: i.id };
      return issueBean(i, fields, properties);
    });
    return ok({
      issues,
      ...(isLast ? {} : { nextPageToken: encodeToken({ o: offset + slice.length, h: tokenSeed }) }),
      isLast
    });
  };

  r.add('POST', '/rest/api/3/search/jql', ({ principal, body }) => {
    if (!isRecord(body)) throw jiraError(400, ['The request body is invalid.']);
    return search(principal, body);
  });

  r.add('GET', '/rest/api/3/search/jql', ({ principal, query }) => {
    const input: Record<string, unknown> = {};
    const jql = qString(query, 'jql');
    if (jql !== undefined) input.jql = jql;
    const token = qString(query, 'nextPageToken');
    if (token !== undefined) input.nextPageToken = token;
    if (qString(query, 'maxResults') !== undefined)
      input.maxResults = qInt(query, 'maxResults', SEARCH_DEFAULT_MAX);
    const fields = qList(query, 'fields');
    if (fields) input.fields = fields;
    const props = qList(query, 'properties');
    if (props) input.properties = props;
    return search(principal, input);
  });

  r.add('POST', '/rest/api/3/search', () => {
    throw jiraError(410, [
      'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'
    ]);
  });
  r.add('GET', '/rest/api/3/search', () => {
    throw jiraError(410, [
      'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'
    ]);
  });
}

function encodeToken(t: { o: number; h: string }): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(s: string): { o: number; h: string } | undefined {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (
      isRecord(t) &&
      typeof t.o === 'number' &&
      Number.isInteger(t.o) &&
      t.o >= 0 &&
      typeof t.h === 'string'
    )
      return { o: t.o, h: t.h };
  } catch {
    // fall through: any malformed token is answered as Jira does, with a 400
  }
  return undefined;
}
