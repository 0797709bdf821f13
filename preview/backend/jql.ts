import type { IssueDoc } from './types';

/**
 * The JQL subset the embedded Jira understands (see JQL.md). Queries are parsed for real; a clause
 * outside the subset is a JqlError (answered as Jira's 400), never silently ignored.
 */
export class JqlError extends Error {}

type Op = '=' | '!=' | '~' | '!~' | '>' | '<' | '>=' | '<=' | 'in' | 'not in' | 'is' | 'is not';

export type Operand =
  | { kind: 'value'; value: string; quoted: boolean }
  | { kind: 'list'; items: Operand[] }
  | { kind: 'func'; name: string; args: string[] }
  | { kind: 'empty' };

export type FieldRef = { kind: 'name'; name: string } | { kind: 'property'; key: string; path: string };

export type Clause =
  | { kind: 'and'; items: Clause[] }
  | { kind: 'or'; items: Clause[] }
  | { kind: 'not'; item: Clause }
  | { kind: 'cmp'; field: FieldRef; op: Op; operand: Operand };

export interface SortKey {
  field: string;
  dir: 'ASC' | 'DESC';
}

export interface JqlQuery {
  where?: Clause;
  orderBy: SortKey[];
}

// ---- lexer ------------------------------------------------------------------------------------

type Tok =
  | { t: 'word'; v: string; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'punct'; v: '(' | ')' | ','; pos: number }
  | { t: 'field'; ref: FieldRef; pos: number }
  | { t: 'eof'; pos: number };

const RESERVED_WORDS = new Set([
  'and',
  'or',
  'not',
  'empty',
  'null',
  'order',
  'by',
  'in',
  'is',
  'asc',
  'desc'
]);

function where(pos: number): string {
  return `(line 1, character ${pos + 1})`;
}

function readQuoted(src: string, start: number): { value: string; end: number } {
  const quote = src[start] as string;
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === quote) return { value: out, end: i + 1 };
    if (c === '\\') {
      const n = src[i + 1];
      const simple: Record<string, string> = {
        '"': '"',
        "'": "'",
        '\\': '\\',
        n: '\n',
        t: '\t',
        r: '\r',
        ' ': ' '
      };
      if (n !== undefined && n in simple) {
        out += simple[n];
        i += 2;
        continue;
      }
      if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      throw new JqlError(
        `Error in the JQL Query: The escape sequence '\\${n ?? ''}' in the string is illegal. ${where(i)}`
      );
    }
    out += c;
    i++;
  }
  throw new JqlError(
    `Error in the JQL Query: The quoted string '${out}' has not been completed. ${where(start)}`
  );
}

const WORD = /[\p{L}\p{N}_.\-:]/u;

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      toks.push({ t: 'punct', v: c, pos: i });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const { value, end } = readQuoted(src, i);
      toks.push({ t: 'str', v: value, pos: i });
      i = end;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['!=', '!~', '>=', '<='].includes(two)) {
      toks.push({ t: 'op', v: two, pos: i });
      i += 2;
      continue;
    }
    if ('=~<>'.includes(c)) {
      toks.push({ t: 'op', v: c, pos: i });
      i++;
      continue;
    }
    const prop = /^issue\.property\[([^\]]+)\]((?:\.[A-Za-z0-9_-]+)+)/i.exec(src.slice(i));
    if (prop) {
      const key = (prop[1] as string).trim().replace(/^["']|["']$/g, '');
      toks.push({ t: 'field', ref: { kind: 'property', key, path: (prop[2] as string).slice(1) }, pos: i });
      i += prop[0].length;
      continue;
    }
    const cf = /^cf\[(\d+)\]/i.exec(src.slice(i));
    if (cf) {
      toks.push({ t: 'field', ref: { kind: 'name', name: `customfield_${cf[1]}` }, pos: i });
      i += cf[0].length;
      continue;
    }
    if (WORD.test(c)) {
      let j = i;
      while (j < src.length && WORD.test(src[j] as string)) j++;
      toks.push({ t: 'word', v: src.slice(i, j), pos: i });
      i = j;
      continue;
    }
    throw new JqlError(
      `Error in the JQL Query: The character '${c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${c
        .charCodeAt(0)
        .toString(16)
        .padStart(4, '0')}' instead. ${where(i)}`
    );
  }
  toks.push({ t: 'eof', pos: src.length });
  return toks;
}

// ---- parser -----------------------------------------------------------------------------------

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.i] as Tok;
  }
  private next(): Tok {
    return this.toks[this.i++] as Tok;
  }
  private isWord(w: string, tok = this.peek()): boolean {
    return tok.t === 'word' && tok.v.toLowerCase() === w;
  }
  private describe(tok: Tok): string {
    if (tok.t === 'eof') return 'the end of the query';
    if (tok.t === 'field')
      return tok.ref.kind === 'property' ? `issue.property[${tok.ref.key}]` : tok.ref.name;
    return `'${tok.v}'`;
  }
  private fail(expected: string, tok = this.peek()): never {
    throw new JqlError(
      `Error in the JQL Query: Expecting ${expected} but got ${this.describe(tok)}. ${where(tok.pos)}`
    );
  }

  parse(): JqlQuery {
    const q: JqlQuery = { orderBy: [] };
    if (!(this.peek().t === 'eof' || this.isWord('order'))) q.where = this.orClause();
    if (this.isWord('order')) {
      this.next();
      if (!this.isWord('by')) this.fail("'BY'");
      this.next();
      q.orderBy = this.sortList();
    }
    if (this.peek().t !== 'eof') this.fail("either 'OR' or 'AND'");
    return q;
  }

  private sortList(): SortKey[] {
    const keys: SortKey[] = [];
    for (;;) {
      const tok = this.next();
      let field: string;
      if (tok.t === 'word' || tok.t === 'str') field = tok.v.toLowerCase();
      else if (tok.t === 'field' && tok.ref.kind === 'name') field = tok.ref.name;
      else return this.fail('a field name', tok);
      let dir: 'ASC' | 'DESC' = 'ASC';
      if (this.isWord('asc') || this.isWord('desc'))
        dir = (this.next() as { v: string }).v.toUpperCase() as 'ASC';
      keys.push({ field, dir });
      if (this.peek().t === 'punct' && (this.peek() as { v: string }).v === ',') {
        this.next();
        continue;
      }
      return keys;
    }
  }

  private orClause(): Clause {
    const items = [this.andClause()];
    while (this.isWord('or')) {
      this.next();
      items.push(this.andClause());
    }
    return items.length === 1 ? (items[0] as Clause) : { kind: 'or', items };
  }

  private andClause(): Clause {
    const items = [this.notClause()];
    while (this.isWord('and')) {
      this.next();
      items.push(this.notClause());
    }
    return items.length === 1 ? (items[0] as Clause) : { kind: 'and', items };
  }

  private notClause(): Clause {
    const tok = this.peek();
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', item: this.notClause() };
    }
    if (tok.t === 'punct' && tok.v === '(') {
      this.next();
      const inner = this.orClause();
      const close = this.next();
      if (!(close.t === 'punct' && close.v === ')')) this.fail("')'", close);
      return inner;
    }
    return this.terminal();
  }

  private terminal(): Clause {
    const tok = this.next();
    let field: FieldRef;
    if (tok.t === 'field') field = tok.ref;
    else if (tok.t === 'str') field = { kind: 'name', name: tok.v.toLowerCase() };
    else if (tok.t === 'word' && !RESERVED_WORDS.has(tok.v.toLowerCase()))
      field = { kind: 'name', name: tok.v.toLowerCase() };
    else return this.fail('a field name', tok);

    const opTok = this.next();
    let op: Op;
    if (opTok.t === 'op') op = opTok.v as Op;
    else if (this.isWord('in', opTok)) op = 'in';
    else if (this.isWord('is', opTok)) {
      if (this.isWord('not')) {
        this.next();
        op = 'is not';
      } else op = 'is';
    } else if (this.isWord('not', opTok)) {
      if (!this.isWord('in')) this.fail("'IN'");
      this.next();
      op = 'not in';
    } else
      return this.fail(
        "operator. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'",
        opTok
      );

    const operand = op === 'in' || op === 'not in' ? this.list() : this.operand();
    if ((op === 'is' || op === 'is not') && operand.kind !== 'empty') this.fail("'EMPTY' or 'NULL'");
    return { kind: 'cmp', field, op, operand };
  }

  private list(): Operand {
    // IN also takes a list-valued function, e.g. `sprint in openSprints()`.
    if (this.peek().t === 'word') {
      const f = this.operand();
      if (f.kind !== 'func') this.fail("'('");
      return f;
    }
    const open = this.next();
    if (!(open.t === 'punct' && open.v === '(')) this.fail("'('", open);
    const items: Operand[] = [];
    for (;;) {
      items.push(this.operand());
      const sep = this.next();
      if (sep.t === 'punct' && sep.v === ',') continue;
      if (sep.t === 'punct' && sep.v === ')') break;
      this.fail("either ',' or ')'", sep);
    }
    return { kind: 'list', items };
  }

  private operand(): Operand {
    const tok = this.next();
    if (tok.t === 'str') return { kind: 'value', value: tok.v, quoted: true };
    if (tok.t === 'word') {
      const lower = tok.v.toLowerCase();
      if (lower === 'empty' || lower === 'null') return { kind: 'empty' };
      if (this.peek().t === 'punct' && (this.peek() as { v: string }).v === '(') {
        this.next();
        const args: string[] = [];
        while (!(this.peek().t === 'punct' && (this.peek() as { v: string }).v === ')')) {
          const a = this.next();
          if (a.t !== 'str' && a.t !== 'word') this.fail('a function argument', a);
          args.push(a.v);
          if (this.peek().t === 'punct' && (this.peek() as { v: string }).v === ',') this.next();
        }
        this.next();
        return { kind: 'func', name: lower, args };
      }
      if (RESERVED_WORDS.has(lower))
        throw new JqlError(
          `Error in the JQL Query: '${tok.v}' is a reserved JQL word. You must surround it in quotation marks to use it in a query. ${where(tok.pos)}`
        );
      return { kind: 'value', value: tok.v, quoted: false };
    }
    return this.fail('either a value, list or function', tok);
  }
}

export function parseJql(src: string): JqlQuery {
  return new Parser(lex(src)).parse();
}

// ---- evaluation -------------------------------------------------------------------------------

export interface PropertyIndex {
  propertyKey: string;
  path: string;
  type: 'string' | 'text' | 'number' | 'date' | 'user';
}

/** What evaluation needs from the site; resolvers throw JqlError for values Jira would reject. */
export interface JqlEnv {
  currentUser?: string;
  projectIds(value: string): string[];
  issueTypeIds(value: string): string[];
  statusIds(value: string): string[];
  /** Status category keys (`new`, `indeterminate`, `done`) a value names: key, name or id. */
  statusCategoryKeys(value: string): string[];
  statusCategoryOf(statusId: string): string;
  issueId(value: string, field: string): string | undefined;
  epicIds(value: string): string[];
  customField(id: string): { optionField: boolean } | undefined;
  propertyIndex(key: string, path: string): PropertyIndex | undefined;
  alias(name: string): PropertyIndex | undefined;
  issueById(id: string): Readonly<IssueDoc> | undefined;
  issueTypeLevel(id: string): number;
  sortValue(issue: IssueDoc, field: string): string | number | undefined;
}

type Pred = (issue: IssueDoc) => boolean;

const EQ_OPS: Op[] = ['=', '!=', 'in', 'not in'];
const EMPTY_OPS: Op[] = ['is', 'is not'];

function values(operand: Operand, env: JqlEnv, field: string): (string | null)[] {
  const one = (o: Operand): (string | null)[] => {
    if (o.kind === 'value') return [o.value];
    if (o.kind === 'empty') return [null];
    if (o.kind === 'list') return o.items.flatMap(one);
    if (o.name === 'currentuser') {
      if (o.args.length)
        throw new JqlError(`Function 'currentUser' expected '0' arguments but received '${o.args.length}'.`);
      // Anonymous callers have no current user; Jira then matches nothing rather than failing.
      return [env.currentUser ?? null];
    }
    throw new JqlError(`Unable to find JQL function '${o.name}(${o.args.join(', ')})'.`);
  };
  if (field !== 'assignee' && field !== 'reporter' && containsFunc(operand))
    throw new JqlError(`Unable to find JQL function 'currentUser()' for field '${field}'.`);
  return one(operand);
}

function containsFunc(o: Operand): boolean {
  return o.kind === 'func' || (o.kind === 'list' && o.items.some(containsFunc));
}

function unsupported(op: Op, field: string): never {
  throw new JqlError(`The operator '${op.toUpperCase()}' is not supported by the '${field}' field.`);
}

/**
 * Equality semantics shared by Jira's multi-valued and nullable fields: `!=` and `NOT IN` never
 * match an issue whose field is empty, and `IS EMPTY` matches only those.
 */
function setPredicate(
  op: Op,
  wanted: (string | null)[],
  get: (i: IssueDoc) => string[],
  field: string
): Pred {
  if (EMPTY_OPS.includes(op)) return op === 'is' ? (i) => get(i).length === 0 : (i) => get(i).length > 0;
  if (!EQ_OPS.includes(op)) unsupported(op, field);
  const set = new Set(wanted.filter((w): w is string => w !== null));
  const wantsEmpty = wanted.includes(null);
  if (op === '=' || op === 'in')
    return (i) => {
      const have = get(i);
      return have.some((h) => set.has(h)) || (wantsEmpty && have.length === 0);
    };
  return (i) => {
    const have = get(i);
    return have.length > 0 && !have.some((h) => set.has(h));
  };
}

function idsOf(wanted: (string | null)[], resolve: (v: string) => string[]): (string | null)[] {
  return wanted.flatMap((w) => (w === null ? [null] : resolve(w)));
}

function textPredicate(
  op: Op,
  operand: Operand,
  get: (i: IssueDoc) => string | undefined,
  field: string
): Pred {
  if (op !== '~' && op !== '!~') unsupported(op, field);
  if (operand.kind !== 'value')
    throw new JqlError(`The operator '${op}' requires a single text value for '${field}'.`);
  const words = operand.value
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[*?]$/, ''))
    .filter(Boolean);
  const match = (i: IssueDoc): boolean => {
    const text = (get(i) ?? '').toLowerCase();
    return words.every((w) => text.includes(w));
  };
  return op === '~' ? match : (i) => !match(i);
}

function getPath(value: unknown, path: string): unknown[] {
  let cur: unknown[] = [value];
  for (const seg of path.split('.')) {
    cur = cur.flatMap((v) => {
      if (Array.isArray(v))
        return v.map((x) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[seg] : undefined));
      return v && typeof v === 'object' ? [(v as Record<string, unknown>)[seg]] : [undefined];
    });
  }
  return cur
    .flatMap((v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : [v]))
    .filter((v) => v !== undefined && v !== null);
}

function propertyPredicate(
  op: Op,
  operand: Operand,
  idx: PropertyIndex | undefined,
  ref: { key: string; path: string },
  env: JqlEnv
): Pred {
  // Jira only indexes properties declared by a jira:entityProperty module; others match nothing.
  if (!idx) return () => false;
  const get = (i: IssueDoc): unknown[] => getPath(i.properties[ref.key], ref.path);
  if (EMPTY_OPS.includes(op)) return op === 'is' ? (i) => get(i).length === 0 : (i) => get(i).length > 0;
  if (idx.type === 'text') return textPredicate(op, operand, (i) => get(i).map(String).join(' '), ref.path);
  if (op === '~' || op === '!~') unsupported(op, `issue.property[${ref.key}].${ref.path}`);
  const wanted = values(operand, env, 'property').filter((v): v is string => v !== null);
  const num = idx.type === 'number';
  const norm = (v: unknown): string | number =>
    num ? Number(v) : idx.type === 'date' ? String(v).slice(0, 10) : String(v);
  const w = wanted.map(norm);
  if (num && w.some((x) => Number.isNaN(x)))
    throw new JqlError(`The value '${wanted.join(', ')}' is not a valid number.`);
  const cmp: Record<string, (a: string | number, b: string | number) => boolean> = {
    '>': (a, b) => a > b,
    '<': (a, b) => a < b,
    '>=': (a, b) => a >= b,
    '<=': (a, b) => a <= b
  };
  const c = cmp[op];
  if (c) {
    const b = w[0] as string | number;
    return (i) => get(i).some((v) => c(norm(v), b));
  }
  const set = new Set(w);
  if (op === '=' || op === 'in') return (i) => get(i).some((v) => set.has(norm(v)));
  return (i) => {
    const have = get(i);
    return have.length > 0 && !have.some((v) => set.has(norm(v)));
  };
}

function datePredicate(op: Op, operand: Operand, get: (i: IssueDoc) => string, field: string): Pred {
  if (!['>', '<', '>=', '<=', '=', '!='].includes(op)) unsupported(op, field);
  if (operand.kind !== 'value') throw new JqlError(`The field '${field}' expects a date value.`);
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:\s+(\d{2}):(\d{2}))?$/.exec(operand.value);
  if (!m)
    throw new JqlError(
      `Date value '${operand.value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd'.`
    );
  const at = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0));
  const ops: Record<string, (a: number) => boolean> = {
    '>': (a) => a > at,
    '<': (a) => a < at,
    '>=': (a) => a >= at,
    '<=': (a) => a <= at,
    '=': (a) => a === at,
    '!=': (a) => a !== at
  };
  const f = ops[op] as (a: number) => boolean;
  return (i) => f(Date.parse(get(i)));
}

export function compileClause(c: Clause, env: JqlEnv): Pred {
  if (c.kind === 'and' || c.kind === 'or') {
    const ps = c.items.map((x) => compileClause(x, env));
    return c.kind === 'and' ? (i) => ps.every((p) => p(i)) : (i) => ps.some((p) => p(i));
  }
  if (c.kind === 'not') {
    const p = compileClause(c.item, env);
    return (i) => !p(i);
  }
  const { field, op, operand } = c;
  if (field.kind === 'property')
    return propertyPredicate(op, operand, env.propertyIndex(field.key, field.path), field, env);
  const name = field.name;
  const alias = env.alias(name);
  if (alias) return propertyPredicate(op, operand, alias, { key: alias.propertyKey, path: alias.path }, env);
  switch (name) {
    case 'project':
      if (EMPTY_OPS.includes(op)) unsupported(op, name);
      return setPredicate(
        op,
        idsOf(values(operand, env, name), (v) => env.projectIds(v)),
        (i) => [i.projectId],
        name
      );
    case 'issuetype':
    case 'type':
      if (EMPTY_OPS.includes(op)) unsupported(op, name);
      return setPredicate(
        op,
        idsOf(values(operand, env, name), (v) => env.issueTypeIds(v)),
        (i) => [i.issueTypeId],
        'issuetype'
      );
    case 'status':
      if (EMPTY_OPS.includes(op)) unsupported(op, name);
      return setPredicate(
        op,
        idsOf(values(operand, env, name), (v) => env.statusIds(v)),
        (i) => [i.statusId],
        name
      );
    case 'statuscategory':
      if (EMPTY_OPS.includes(op)) unsupported(op, name);
      return setPredicate(
        op,
        idsOf(values(operand, env, name), (v) => env.statusCategoryKeys(v)),
        (i) => [env.statusCategoryOf(i.statusId)],
        'statusCategory'
      );
    case 'labels':
      return setPredicate(op, values(operand, env, name), (i) => i.labels, name);
    case 'component':
      return setPredicate(op, values(operand, env, name), (i) => i.components, name);
    case 'key':
    case 'issuekey':
    case 'issue':
    case 'id': {
      if (EMPTY_OPS.includes(op)) unsupported(op, name);
      const ids = idsOf(values(operand, env, name), (v) => {
        const id = env.issueId(v, name);
        return id ? [id] : [];
      });
      return setPredicate(op, ids, (i) => [i.id], name);
    }
    case 'parent':
      return setPredicate(
        op,
        idsOf(values(operand, env, name), (v) => {
          const id = env.issueId(v, name);
          return id ? [id] : [];
        }),
        (i) => (i.parentId ? [i.parentId] : []),
        name
      );
    case 'epic link':
      return setPredicate(
        op,
        idsOf(values(operand, env, name), (v) => env.epicIds(v)),
        (i) =>
          i.parentId && env.issueTypeLevel(env.issueById(i.parentId)?.issueTypeId ?? '') === 1
            ? [i.parentId]
            : [],
        'Epic Link'
      );
    case 'reporter':
    case 'assignee':
      return setPredicate(
        op,
        values(operand, env, name),
        (i) => {
          const who = name === 'reporter' ? i.reporter : i.assignee;
          return who ? [who] : [];
        },
        name
      );
    case 'summary':
      return textPredicate(op, operand, (i) => i.summary, name);
    case 'text':
      return textPredicate(op, operand, (i) => `${i.summary} ${JSON.stringify(i.description ?? '')}`, name);
    case 'created':
    case 'createddate':
      return datePredicate(op, operand, (i) => i.created, 'created');
    case 'updated':
    case 'updateddate':
      return datePredicate(op, operand, (i) => i.updated, 'updated');
    case 'resolved':
    case 'resolutiondate': {
      // Unresolved issues have no date: no comparison (not even !=) matches them, as in Jira.
      const p = datePredicate(op, operand, (i) => i.resolved ?? '', 'resolved');
      return (i) => i.resolved !== undefined && p(i);
    }
    default: {
      const cf = name.startsWith('customfield_') ? env.customField(name) : undefined;
      if (!cf) throw new JqlError(`Field '${name}' does not exist or you do not have permission to view it.`);
      const get = (i: IssueDoc): string[] => {
        const v = i.custom[name];
        const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
        return list.map((x) =>
          x && typeof x === 'object' ? String((x as { value?: unknown }).value) : String(x)
        );
      };
      return setPredicate(op, values(operand, env, name), get, name);
    }
  }
}

const SORTABLE = new Set([
  'key',
  'issuekey',
  'id',
  'created',
  'updated',
  'resolved',
  'summary',
  'status',
  'project',
  'issuetype',
  'type',
  'assignee',
  'reporter',
  'rank'
]);

/** Returns a sorter; each issue's sort values are computed once (searches sort thousands of issues). */
export function compileOrder(keys: SortKey[], env: JqlEnv): (issues: IssueDoc[]) => IssueDoc[] {
  for (const k of keys) {
    if (!SORTABLE.has(k.field) && !env.alias(k.field))
      throw new JqlError(`Not able to sort using field '${k.field}'.`);
  }
  // Without ORDER BY, Jira's search answers newest first; ties by id keep paging stable.
  const all: SortKey[] = keys.length
    ? [...keys, { field: 'id', dir: 'DESC' }]
    : [
        { field: 'created', dir: 'DESC' },
        { field: 'id', dir: 'DESC' }
      ];
  const compare = (a: (string | number | undefined)[], b: (string | number | undefined)[]): number => {
    for (let n = 0; n < all.length; n++) {
      const k = all[n] as SortKey;
      const va = a[n];
      const vb = b[n];
      if (va === vb) continue;
      // Empty values sort last ascending, like Jira.
      if (va === undefined) return 1;
      if (vb === undefined) return -1;
      const r = va < vb ? -1 : 1;
      return k.dir === 'ASC' ? r : -r;
    }
    return 0;
  };
  return (issues) =>
    issues
      .map((i) => ({ i, v: all.map((k) => env.sortValue(i, k.field)) }))
      .sort((a, b) => compare(a.v, b.v))
      .map((x) => x.i);
}
