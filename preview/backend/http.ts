import type { Principal } from './types';

export type Query = Record<string, string | string[]>;

export interface Req {
  method: string;
  path: string;
  query: Query;
  body: unknown;
  principal: Principal;
  params: Record<string, string>;
}

export interface Res {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers to answer with an error response; the router turns it into that response. */
export class HttpError extends Error {
  constructor(readonly res: Res) {
    super(`HTTP ${res.status}`);
  }
}

/** Jira's error body: `{ errorMessages, errors }`. */
export function jiraError(
  status: number,
  messages: string[],
  errors: Record<string, string> = {}
): HttpError {
  return new HttpError({ status, body: { errorMessages: messages, errors } });
}

export function ok(body: unknown, status = 200): Res {
  return { status, body };
}

export const noContent: Res = { status: 204 };

export function parseQuery(search: string): Query {
  const q: Query = {};
  for (const [k, v] of new URLSearchParams(search)) {
    const prev = q[k];
    if (prev === undefined) q[k] = v;
    else q[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return q;
}

export function qString(q: Query, name: string): string | undefined {
  const v = q[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Array parameters: Jira accepts both repetition (a=1&a=2) and commas (a=1,2). */
export function qList(q: Query, name: string): string[] | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function qInt(q: Query, name: string, dflt: number): number {
  const s = qString(q, name);
  if (s === undefined || s === '') return dflt;
  if (!/^-?\d+$/.test(s)) throw jiraError(400, [`The value '${s}' is invalid for the '${name}' parameter.`]);
  return Number(s);
}

export function qBool(q: Query, name: string, dflt: boolean): boolean {
  const s = qString(q, name);
  if (s === undefined) return dflt;
  return s === 'true';
}

export type Handler = (req: Req) => Res | Promise<Res>;

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

/** Tiny router over templated paths like /rest/api/3/issue/{issueIdOrKey}. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const names: string[] = [];
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{(.+)\}$/.exec(part);
        if (m) {
          names.push(m[1] as string);
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    this.routes.push({ method, regex: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] as string);
      });
      return { handler: r.handler, params };
    }
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
