import { HttpError, isRecord, ok, qString, Router } from './http';
import type { Site } from './site';
import type { PageDoc, SpaceDoc } from './types';

/** Confluence v2 error body. */
function v2Error(status: number, title: string, detail?: string): HttpError {
  return new HttpError({
    status,
    body: {
      errors: [{ status, code: title.toUpperCase().replace(/ /g, '_'), title, detail: detail ?? null }]
    }
  });
}

/** Confluence v1 error body. */
function v1Error(status: number, message: string): HttpError {
  return new HttpError({
    status,
    body: {
      statusCode: status,
      data: { authorized: status !== 403, valid: status !== 400, errors: [], successful: false },
      message
    }
  });
}

const BODY_FORMATS = [
  'storage',
  'atlas_doc_format',
  'view',
  'export_view',
  'anonymous_export_view',
  'styled_view',
  'editor'
];

export function confluenceRouter(site: Site): Router {
  const r = new Router();

  r.add('GET', '/wiki/api/v2/pages/{id}', ({ principal, params, query }) => {
    const id = params.id as string;
    if (!/^\d+$/.test(id)) throw v2Error(400, 'Bad Request', `Invalid page id '${id}'`);
    const page = site.docs.get<PageDoc>('pages', id);
    // Confluence answers 404 both for a missing page and for one the caller may not view.
    if (!page || !site.canViewPage(principal, page)) throw v2Error(404, 'Not Found');
    const format = qString(query, 'body-format');
    if (format !== undefined && !BODY_FORMATS.includes(format))
      throw v2Error(400, 'Bad Request', `Invalid body-format '${format}'`);
    const space = site.docs.get<SpaceDoc>('spaces', page.spaceId) as SpaceDoc;
    const adf = page.body ?? { type: 'doc', version: 1, content: [] };
    const body: Record<string, unknown> = {};
    if (format === 'atlas_doc_format')
      body.atlas_doc_format = { representation: 'atlas_doc_format', value: JSON.stringify(adf) };
    else if (format === 'storage') body.storage = { representation: 'storage', value: adfToStorage(adf) };
    else if (format === 'view') body.view = { representation: 'view', value: adfToStorage(adf) };
    // include-operations: what the caller may do on this page (Confluence lists read, update, delete…).
    const operations =
      qString(query, 'include-operations') === 'true'
        ? {
            operations: {
              results: (['read', 'update', 'delete'] as const)
                .filter((op) => op === 'read' || site.canViewPage(principal, page, 'update'))
                .map((operation) => ({ operation, targetType: 'page' })),
              meta: { hasMore: false },
              _links: {}
            }
          }
        : {};
    return ok({
      id: page.id,
      status: 'current',
      title: page.title,
      spaceId: page.spaceId,
      ...(page.parentId ? { parentId: page.parentId, parentType: 'page' } : {}),
      authorId: page.authorId,
      ownerId: page.authorId,
      createdAt: page.createdAt,
      version: {
        createdAt: page.createdAt,
        message: '',
        number: page.version,
        minorEdit: false,
        authorId: page.authorId
      },
      body,
      ...operations,
      _links: {
        webui: `/spaces/${space.key}/pages/${page.id}`,
        editui: `/pages/resumedraft.action?draftId=${page.id}`,
        tinyui: `/x/${Buffer.from(page.id).toString('base64url')}`,
        base: `${site.baseUrl}/wiki`
      }
    });
  });

  r.add('POST', '/wiki/rest/api/content/{id}/permission/check', ({ principal, params, body }) => {
    const page = site.docs.get<PageDoc>('pages', params.id as string);
    if (!page || !site.canViewPage(principal, page))
      throw v1Error(404, `No content found with id: ContentId{id=${params.id}}`);
    if (!isRecord(body) || !isRecord(body.subject) || typeof body.subject.identifier !== 'string')
      throw v1Error(400, 'subject is required');
    const op = body.operation;
    if (op !== 'read' && op !== 'update' && op !== 'delete')
      throw v1Error(400, `Invalid operation '${String(op)}'`);
    const { type, identifier } = body.subject as { type: unknown; identifier: string };
    let subject: { accountId?: string; groups: string[] };
    if (type === 'user') {
      const u = site.user(identifier);
      if (!u) return ok({ hasPermission: false, errors: [{ translation: 'User not found', args: [] }] });
      subject = { accountId: u.accountId, groups: site.groupsOf(u.accountId).map((g) => g.name) };
    } else if (type === 'group') {
      const g = site.docs
        .all<{ name: string; groupId: string }>('groups')
        .find((x) => x.groupId === identifier || x.name === identifier);
      if (!g) return ok({ hasPermission: false, errors: [{ translation: 'Group not found', args: [] }] });
      subject = { groups: [g.name] };
    } else throw v1Error(400, `Invalid subject type '${String(type)}'`);
    return ok({ hasPermission: site.subjectCanOnPage(subject, page, op) });
  });

  return r;
}

/** Just enough storage format for text paragraphs; the app reads ADF. */
function adfToStorage(adf: unknown): string {
  const text = (n: unknown): string => {
    if (!isRecord(n)) return '';
    if (n.type === 'text' && typeof n.text === 'string')
      return n.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const inner = Array.isArray(n.content) ? n.content.map(text).join('') : '';
    return n.type === 'paragraph' ? `<p>${inner}</p>` : inner;
  };
  return text(adf);
}
