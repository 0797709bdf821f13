/**
 * Contract checker: every request the app sends to Jira or Confluence, and every fake
 * response the embedded back end gives, is checked against Atlassian's published OpenAPI
 * documents (see specs-dir.ts and specs/SOURCES.md).
 *
 * - Routing: openapi-backend's router (`openapi-backend/router`). The package's entry point is
 *   not used: it loads @apidevtools/json-schema-ref-parser 16, an ES module that jest cannot
 *   require on Node 20 (and `quick` dereferencing is not needed: our Ajv resolves `$ref`s).
 * - Parameters and JSON bodies: our own Ajv over a transformed copy of each document
 *   (parameters coerced from strings as HTTP carries them), because requests and
 *   responses need different schemas: requests keep `additionalProperties: false` and do not
 *   require `readOnly` properties; responses drop `additionalProperties: false` (the
 *   documents are stricter than Jira is in practice) and do not require `writeOnly` ones.
 * - ADF documents (`{ type: 'doc', ... }` anywhere in a body, or a Confluence
 *   `atlas_doc_format` value) are checked against adf-full.json: the OpenAPI documents
 *   type them as free-form objects.
 *
 * Everything loads lazily, once per process, and only the documents a call needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OpenAPIRouter } from 'openapi-backend/router';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { specsDir } from './specs-dir';

export type Product = 'jira' | 'confluence';

export interface Exchange {
  product: Product;
  method: string;
  /** Full path as sent to the product, e.g. `/rest/api/3/issuetype` or `/wiki/api/v2/pages/1`. A `?query` suffix is merged into `query`. */
  path: string;
  query: Record<string, string | string[]>;
  requestBody?: unknown;
  status: number;
  responseBody?: unknown;
}

export interface OAuthScopeEntry {
  scheme: string;
  scopes: string[];
  state: string;
}

export interface OperationInfo {
  operationId: string;
  /** `x-atlassian-oauth2-scopes` (or, when absent, the document's `security` OAuth entries as state "Current"). */
  scopes: OAuthScopeEntry[];
  product: Product;
  /** Which document: jira-platform | jira-agile | confluence-v2 | confluence-v1. */
  document: DocKey;
  method: string;
  /** Full path template, e.g. `/rest/api/3/issuetype/{id}` or `/wiki/api/v2/pages/{id}`. */
  pathTemplate: string;
  deprecated: boolean;
}

type DocKey = 'jira-platform' | 'jira-agile' | 'confluence-v2' | 'confluence-v1';

interface DocSpec {
  key: DocKey;
  product: Product;
  file: string;
  /** Prefix of the full request path that selects this document. */
  prefix: string;
  /** Prefix the document's own paths omit (Confluence v2 paths are relative to /wiki/api/v2). */
  apiRoot: string;
}

const DOCS: readonly DocSpec[] = [
  {
    key: 'jira-agile',
    product: 'jira',
    file: 'jira-software-agile.openapi.json',
    prefix: '/rest/agile/',
    apiRoot: ''
  },
  {
    key: 'jira-platform',
    product: 'jira',
    file: 'jira-platform-v3.openapi.json',
    prefix: '/rest/',
    apiRoot: ''
  },
  {
    key: 'confluence-v2',
    product: 'confluence',
    file: 'confluence-v2.openapi.json',
    prefix: '/wiki/api/v2/',
    apiRoot: '/wiki/api/v2'
  },
  {
    key: 'confluence-v1',
    product: 'confluence',
    file: 'confluence-v1.openapi.json',
    prefix: '/wiki/rest/api/',
    apiRoot: ''
  }
];

/**
 * Statuses a product may answer for any operation although the documents do not list them
 * (rate limiting and platform errors, see FORGE-NOTES "Rate limits"). Their bodies are not
 * checked; every other undocumented status is a contract error.
 */
const PLATFORM_STATUSES = new Set([429, 500, 502, 503, 504]);

export { specsDir };

// ---------------------------------------------------------------------------------------
// Loading

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface RouterOperation {
  operationId?: string;
  method: string;
  path: string;
  deprecated?: boolean;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  'x-atlassian-oauth2-scopes'?: OAuthScopeEntry[];
  security?: Array<Record<string, string[]>>;
}

interface LoadedDoc {
  spec: DocSpec;
  router: OpenAPIRouter;
  raw: JsonObject;
  ajv: { request?: AjvBundle; response?: AjvBundle; params?: AjvBundle };
  transformed: { request?: JsonObject; response?: JsonObject };
}

interface AjvBundle {
  ajv: Ajv;
  doc: JsonObject;
  cache: Map<string, ValidateFunction | null>;
}

const loaded = new Map<DocKey, LoadedDoc>();

function readJson(file: string): JsonObject {
  const full = path.join(specsDir(), file);
  if (!fs.existsSync(full)) {
    throw new Error(`OpenAPI document not found: ${full} (see preview/openapi/specs-dir.ts)`);
  }
  return JSON.parse(fs.readFileSync(full, 'utf8')) as JsonObject;
}

function loadDoc(spec: DocSpec): LoadedDoc {
  const existing = loaded.get(spec.key);
  if (existing) return existing;
  const raw = readJson(spec.file);
  // The router only reads `paths` (templates and methods); it does not need `$ref`s resolved.
  const router = new OpenAPIRouter({ definition: raw as never, apiRoot: spec.apiRoot || '/' });
  // The router flattens every operation of the document anew, twice, for each match (~20 ms for
  // Jira's); the document never changes, so flatten it once. Matching itself is unchanged.
  const operations = router.getOperations();
  router.getOperations = () => operations;
  const doc: LoadedDoc = { spec, router, raw, ajv: {}, transformed: {} };
  loaded.set(spec.key, doc);
  return doc;
}

/** Jira writes offsets without a colon (`2024-01-31T10:00:00.000+0000`); accept both that and RFC 3339. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

function addProductFormats(ajv: Ajv): void {
  addFormats(ajv);
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (s: string) =>
      DATE_TIME.test(s) && !Number.isNaN(Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')))
  });
  // Formats the documents use that are not JSON Schema formats: informative only.
  for (const f of [
    'url',
    'URL',
    'string',
    'int32',
    'int64',
    'double',
    'float',
    'byte',
    'binary',
    'password'
  ]) {
    if (!ajv.formats[f]) ajv.addFormat(f, true);
  }
}

function docFor(product: Product | undefined, fullPath: string): DocSpec | undefined {
  return DOCS.find((d) => (product === undefined || d.product === product) && fullPath.startsWith(d.prefix));
}

function productOfPath(fullPath: string): Product {
  return fullPath.startsWith('/wiki/') ? 'confluence' : 'jira';
}

// ---------------------------------------------------------------------------------------
// Schema transforms for the two directions

type Direction = 'request' | 'response';

function getBundle(doc: LoadedDoc, direction: Direction | 'params'): AjvBundle {
  const existing = doc.ajv[direction];
  if (existing) return existing;
  const shape: Direction = direction === 'params' ? 'request' : direction;
  const id = `${doc.spec.key}-${shape}.json`;
  const transformed = doc.transformed[shape] ?? transformDocument(doc.raw, id, shape);
  doc.transformed[shape] = transformed;
  // Parameters travel as strings: coerce them to the declared types ('array' also wraps a single value).
  const coerceTypes = direction === 'params' ? ('array' as const) : false;
  const ajv = new Ajv({
    strict: false,
    logger: false,
    allErrors: true,
    validateSchema: false,
    addUsedSchema: false,
    coerceTypes
  });
  addProductFormats(ajv);
  ajv.addSchema(transformed, id);
  const bundle: AjvBundle = { ajv, doc: transformed, cache: new Map() };
  doc.ajv[direction] = bundle;
  return bundle;
}

function resolveLocal(root: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[key];
  }
  return node;
}

function isObject(v: Json | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Deep copy of an OpenAPI document where local `$ref`s point at `id` (so any sub-schema can be
 * compiled on its own) and each schema is adapted to the direction it is used in.
 */
function transformDocument(root: JsonObject, id: string, direction: Direction): JsonObject {
  const flagged = (schema: Json | undefined, flag: 'readOnly' | 'writeOnly'): boolean => {
    if (!isObject(schema)) return false;
    if (schema[flag] === true) return true;
    if (typeof schema.$ref === 'string') {
      const target = resolveLocal(root, schema.$ref);
      return isObject(target) && target[flag] === true;
    }
    return false;
  };
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#')) {
        out.$ref = id + value;
      } else if (key === 'additionalProperties' && value === false && direction === 'response') {
        // relaxed for responses only
      } else if (key === 'example' || key === 'examples') {
        // many examples are JSON serialised as strings; irrelevant to validation
      } else {
        out[key] = walk(value);
      }
    }
    if (Array.isArray(node.required) && isObject(node.properties)) {
      const props = node.properties;
      const skip: 'readOnly' | 'writeOnly' = direction === 'request' ? 'readOnly' : 'writeOnly';
      out.required = node.required.filter((name) => typeof name !== 'string' || !flagged(props[name], skip));
    }
    return out;
  };
  return walk(root) as JsonObject;
}

function jsonContentSchema(container: Json | undefined, root: JsonObject): Json | undefined {
  let c = container;
  if (isObject(c) && typeof c.$ref === 'string') c = resolveLocal(root, c.$ref.replace(/^[^#]*/, ''));
  if (!isObject(c) || !isObject(c.content)) return undefined;
  const media = Object.keys(c.content).find((m) => /^application\/(.+\+)?json/.test(m) || m === '*/*');
  const entry = media ? c.content[media] : undefined;
  return isObject(entry) ? entry.schema : undefined;
}

function pathItem(bundle: AjvBundle, op: OperationInfo, spec: DocSpec): JsonObject | undefined {
  const relative = spec.apiRoot ? op.pathTemplate.slice(spec.apiRoot.length) : op.pathTemplate;
  const paths = bundle.doc.paths;
  if (!isObject(paths)) return undefined;
  const item = paths[relative];
  if (!isObject(item)) return undefined;
  const operation = item[op.method.toLowerCase()];
  return isObject(operation) ? operation : undefined;
}

function compileFor(bundle: AjvBundle, cacheKey: string, schema: Json | undefined): ValidateFunction | null {
  if (bundle.cache.has(cacheKey)) return bundle.cache.get(cacheKey) ?? null;
  const fn = schema === undefined ? null : bundle.ajv.compile(schema as object);
  bundle.cache.set(cacheKey, fn);
  return fn;
}

// ---------------------------------------------------------------------------------------
// ADF

let adfValidator: ValidateFunction | undefined;

function adf(): ValidateFunction {
  if (adfValidator) return adfValidator;
  const schema = readJson('adf-full.json');
  // draft-04 document; it uses nothing Ajv's default draft treats differently, so drop $schema.
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, logger: false, allErrors: false, validateSchema: false });
  adfValidator = ajv.compile(schema as object);
  return adfValidator;
}

function checkAdfIn(value: unknown, where: string, errors: string[], depth = 0): void {
  if (depth > 60 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkAdfIn(v, `${where}/${i}`, errors, depth + 1));
    return;
  }
  const obj = value as Record<string, unknown>;
  if (obj.type === 'doc') {
    const validate = adf();
    if (!validate(obj)) errors.push(`${where}: invalid ADF document: ${formatAjv(validate.errors, '')}`);
    return; // nodes inside a doc are covered by the ADF schema
  }
  if (obj.representation === 'atlas_doc_format' && typeof obj.value === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(obj.value);
    } catch {
      errors.push(`${where}/value: atlas_doc_format value is not JSON`);
      return;
    }
    if (!parsed || typeof parsed !== 'object' || (parsed as { type?: unknown }).type !== 'doc') {
      errors.push(`${where}/value: atlas_doc_format value is not an ADF document`);
    } else {
      checkAdfIn(parsed, `${where}/value`, errors, depth + 1);
    }
    return;
  }
  for (const [k, v] of Object.entries(obj)) checkAdfIn(v, `${where}/${k}`, errors, depth + 1);
}

// ---------------------------------------------------------------------------------------
// Public API

function formatAjv(errors: ErrorObject[] | null | undefined, prefix: string): string {
  if (!errors?.length) return 'invalid';
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const e of errors) {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`
        : e.keyword === 'enum'
          ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`
          : '';
    const line = `${prefix}${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
    if (lines.length >= 8) break;
  }
  return lines.join('; ');
}

function splitPath(p: string): { pathname: string; search: string } {
  const i = p.indexOf('?');
  return i < 0 ? { pathname: p, search: '' } : { pathname: p.slice(0, i), search: p.slice(i + 1) };
}

function matchRouterOperation(
  method: string,
  fullPath: string,
  product?: Product
): { op: RouterOperation; doc: LoadedDoc } | undefined {
  const spec = docFor(product, fullPath);
  if (!spec) return undefined;
  const doc = loadDoc(spec);
  const op = doc.router.matchOperation({ method: method.toLowerCase(), path: fullPath, headers: {} }) as
    RouterOperation | undefined;
  if (!op?.operationId) return undefined;
  return { op, doc };
}

function toInfo(op: RouterOperation, doc: LoadedDoc): OperationInfo {
  let scopes = op['x-atlassian-oauth2-scopes'];
  if (!scopes) {
    scopes = (op.security ?? [])
      .flatMap((s) => Object.entries(s))
      .filter(([scheme, list]) => scheme !== 'basicAuth' && list.length > 0)
      .map(([scheme, list]) => ({ scheme, scopes: list, state: 'Current' }));
  }
  return {
    operationId: op.operationId ?? '',
    scopes,
    product: doc.spec.product,
    document: doc.spec.key,
    method: op.method.toUpperCase(),
    pathTemplate: (doc.spec.apiRoot || '') + op.path,
    deprecated: op.deprecated === true
  };
}

/**
 * The operation a method + path (a concrete path or one with `{placeholders}`) maps to, with
 * its OAuth scopes; undefined when no document has it.
 */
export function operationFor(method: string, fullPath: string): OperationInfo | undefined {
  const { pathname } = splitPath(fullPath);
  const found = matchRouterOperation(method, pathname, productOfPath(pathname));
  return found ? toInfo(found.op, found.doc) : undefined;
}

function checkParameters(
  doc: LoadedDoc,
  info: OperationInfo,
  values: { query: Record<string, string | string[]>; path: Record<string, string> }
): string[] {
  const bundle = getBundle(doc, 'params');
  const relative = doc.spec.apiRoot ? info.pathTemplate.slice(doc.spec.apiRoot.length) : info.pathTemplate;
  const paths = bundle.doc.paths;
  const item = isObject(paths) ? paths[relative] : undefined;
  if (!isObject(item)) return [];
  const operation = item[info.method.toLowerCase()];
  const declared = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(isObject(operation) && Array.isArray(operation.parameters) ? operation.parameters : [])
  ];
  const groups: Record<'query' | 'path', { properties: JsonObject; required: string[] }> = {
    query: { properties: {}, required: [] },
    path: { properties: {}, required: [] }
  };
  for (let p of declared) {
    if (isObject(p) && typeof p.$ref === 'string')
      p = resolveLocal(bundle.doc, p.$ref.replace(/^[^#]*/, '')) ?? null;
    if (!isObject(p) || typeof p.name !== 'string' || (p.in !== 'query' && p.in !== 'path')) continue;
    const group = groups[p.in];
    const content = isObject(p.content) ? p.content['application/json'] : undefined;
    group.properties[p.name] = (isObject(content) ? content.schema : p.schema) ?? {};
    if (p.required === true) group.required.push(p.name);
  }
  const schema = {
    type: 'object',
    properties: {
      query: {
        type: 'object',
        properties: groups.query.properties,
        required: groups.query.required,
        additionalProperties: false
      },
      path: { type: 'object', properties: groups.path.properties, required: groups.path.required }
    }
  };
  const validate = compileFor(bundle, `params ${info.operationId}`, schema);
  const data = { query: { ...values.query }, path: { ...values.path } };
  if (!validate || validate(data)) return [];
  return (validate.errors ?? []).map((e) =>
    e.keyword === 'additionalProperties' && e.instancePath === '/query'
      ? `unknown query parameter '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`
      : `parameters${e.instancePath || '/'} ${e.message ?? e.keyword}${e.keyword === 'enum' ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : ''}`
  );
}

/** Contract errors for one request/response pair; an empty array means it conforms. */
export function checkExchange(ex: Exchange): string[] {
  const { pathname, search } = splitPath(ex.path);
  const label = `${ex.method.toUpperCase()} ${pathname}`;
  const found = matchRouterOperation(ex.method, pathname, ex.product);
  if (!found) {
    return [`${label}: no ${ex.product} operation matches this method and path`];
  }
  const { op, doc } = found;
  const info = toInfo(op, doc);
  const errors: string[] = [];
  if (info.deprecated) errors.push(`${label}: operation ${info.operationId} is deprecated`);

  // Query and path parameters.
  const query: Record<string, string | string[]> = { ...ex.query };
  if (search) {
    for (const [k, v] of new URLSearchParams(search)) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
  }
  const pathParams = (doc.router.parseRequest(
    { method: ex.method.toLowerCase(), path: pathname, headers: {} },
    op as never
  ).params ?? {}) as Record<string, string>;
  errors.push(...checkParameters(doc, info, { query, path: pathParams }).map((e) => `${label}: ${e}`));

  // Request body.
  const reqBundle = getBundle(doc, 'request');
  const reqOp = pathItem(reqBundle, info, doc.spec);
  const rawBody = reqOp?.requestBody;
  let resolvedBody: Json | undefined = rawBody;
  if (isObject(resolvedBody) && typeof resolvedBody.$ref === 'string') {
    resolvedBody = resolveLocal(reqBundle.doc, resolvedBody.$ref.replace(/^[^#]*/, ''));
  }
  if (ex.requestBody === undefined) {
    if (isObject(resolvedBody) && resolvedBody.required === true)
      errors.push(`${label}: request body is required`);
  } else if (!isObject(resolvedBody)) {
    errors.push(`${label}: operation ${info.operationId} takes no request body`);
  } else {
    const schema = jsonContentSchema(resolvedBody, reqBundle.doc);
    if (schema === undefined) {
      errors.push(`${label}: operation ${info.operationId} takes no JSON request body`);
    } else {
      const validate = compileFor(reqBundle, `req ${info.operationId}`, schema);
      if (validate && !validate(ex.requestBody))
        errors.push(`${label}: request body ${formatAjv(validate.errors, '')}`);
    }
    checkAdfIn(ex.requestBody, `${label}: request body`, errors);
  }

  // Response body for this status (exact, then 2XX-style range, then default).
  const resBundle = getBundle(doc, 'response');
  const resOp = pathItem(resBundle, info, doc.spec);
  const responses = isObject(resOp?.responses) ? resOp.responses : {};
  const statusKey = [
    String(ex.status),
    `${String(ex.status)[0]}XX`,
    `${String(ex.status)[0]}xx`,
    'default'
  ].find((k) => k in responses);
  if (statusKey === undefined) {
    if (!PLATFORM_STATUSES.has(ex.status)) {
      errors.push(
        `${label}: status ${ex.status} is not documented for ${info.operationId} (documented: ${Object.keys(responses).join(', ')})`
      );
    }
  } else {
    const schema = jsonContentSchema(responses[statusKey], resBundle.doc);
    const empty = ex.responseBody === undefined || ex.responseBody === null || ex.responseBody === '';
    if (ex.status === 204) {
      // RFC 9110 §15.3.5: no content, whatever schema the document attaches to 204.
      if (!empty) errors.push(`${label}: status 204 must not have a body`);
    } else if (schema === undefined) {
      if (!empty && ex.status >= 200 && ex.status < 300) {
        errors.push(
          `${label}: status ${ex.status} of ${info.operationId} has no JSON body, but the response has one`
        );
      }
    } else if (empty && ex.status >= 200 && ex.status < 300) {
      errors.push(`${label}: status ${ex.status} of ${info.operationId} must have a JSON body`);
    } else if (!empty) {
      const validate = compileFor(resBundle, `res ${info.operationId} ${statusKey}`, schema);
      if (validate && !validate(ex.responseBody)) {
        errors.push(`${label}: response ${ex.status} ${formatAjv(validate.errors, '')}`);
      }
      checkAdfIn(ex.responseBody, `${label}: response ${ex.status}`, errors);
    }
  }
  return errors;
}

/** Throws with every contract error of the exchange (for fakes and tests). */
export function assertExchange(ex: Exchange): void {
  const errors = checkExchange(ex);
  if (errors.length) throw new Error(`OpenAPI contract violation:\n  ${errors.join('\n  ')}`);
}

/** Validates a value against the ADF schema; empty = valid. */
export function checkAdf(doc: unknown): string[] {
  const validate = adf();
  return validate(doc) ? [] : [formatAjv(validate.errors, 'adf')];
}
