/**
 * A trigger's `filter.expression` (manifest reference → trigger → Filter), evaluated against the
 * event before any function runs, as Forge does: an event the expression turns down costs no
 * invocation. Only the subset Tandem's manifest uses is understood — property paths from `event`
 * with `.` and `?.`, string/number/boolean/null literals, list literals, `==`, `!=`, `!`, `&&`,
 * `||`, parentheses, `list.includes(value)` and `list.some(item => condition)` — and anything
 * else is refused when the manifest is loaded, so the preview never silently accepts an
 * expression it cannot judge.
 *
 * Reading a property of null without `?.` is an evaluation error; what happens then is the
 * filter's `onError`: IGNORE_AND_LOG (Forge's default: no invocation, a log line), IGNORE (no
 * invocation) or RECEIVE_AND_LOG (invocation and a log line).
 */

export const ON_ERROR = ['IGNORE_AND_LOG', 'IGNORE', 'RECEIVE_AND_LOG'] as const;
export type OnError = (typeof ON_ERROR)[number];

type Node =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'list'; items: Node[] }
  | { kind: 'path'; base: string; steps: { name: string; optional: boolean }[] }
  | { kind: 'includes'; list: Node; value: Node }
  | { kind: 'some'; list: Node; param: string; body: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'compare'; op: '==' | '!='; left: Node; right: Node }
  | { kind: 'logic'; op: '&&' | '||'; left: Node; right: Node };

export class FilterSyntaxError extends Error {}
class FilterEvaluationError extends Error {}

const TOKEN =
  /\s*(?:(\?\.|==|!=|&&|\|\||=>|[().!,[\]])|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_$][\w$]*))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new FilterSyntaxError(`Unsupported syntax at ${at}: ${source.slice(at, at + 20)}`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return tokens;
}

function unquote(token: string): string {
  return token.slice(1, -1).replace(/\\(.)/g, '$1');
}

export function parseFilterExpression(source: string): Node {
  const tokens = tokenize(source);
  const bound: string[] = [];
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string): string => {
    const token = tokens[i];
    if (token === undefined || (expected !== undefined && token !== expected))
      throw new FilterSyntaxError(`Expected ${expected ?? 'more'} at token ${i} of: ${source}`);
    i++;
    return token;
  };

  const primary = (): Node => {
    const token = take();
    if (token === '(') {
      const inner = or();
      take(')');
      return inner;
    }
    if (token.startsWith("'") || token.startsWith('"')) return { kind: 'literal', value: unquote(token) };
    if (/^-?\d/.test(token)) return { kind: 'literal', value: Number(token) };
    if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
    if (token === 'null') return { kind: 'literal', value: null };
    if (token === '[') {
      const items: Node[] = [];
      while (peek() !== ']') {
        items.push(or());
        if (peek() === ',') take(',');
        else break;
      }
      take(']');
      return postfix({ kind: 'list', items });
    }
    if (token !== 'event' && !bound.includes(token))
      throw new FilterSyntaxError(`Only paths from "event" are supported, not "${token}"`);
    return postfix({ kind: 'path', base: token, steps: [] });
  };
  // Property steps, then `.includes(value)` or `.some(item => condition)` on a list.
  const postfix = (start: Node): Node => {
    let node = start;
    while (peek() === '.' || peek() === '?.') {
      const optional = take() === '?.';
      const name = take();
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new FilterSyntaxError(`Bad property name "${name}"`);
      if (peek() === '(') {
        take('(');
        if (name === 'includes') {
          node = { kind: 'includes', list: node, value: or() };
        } else if (name === 'some') {
          const param = take();
          if (!/^[A-Za-z_$][\w$]*$/.test(param)) throw new FilterSyntaxError(`Bad parameter "${param}"`);
          take('=>');
          bound.push(param);
          const body = or();
          bound.pop();
          node = { kind: 'some', list: node, param, body };
        } else {
          throw new FilterSyntaxError(`Method "${name}" is not supported: ${source}`);
        }
        take(')');
      } else if (node.kind === 'path') {
        node = { ...node, steps: [...node.steps, { name, optional }] };
      } else {
        throw new FilterSyntaxError(`Properties of "${node.kind}" are not supported: ${source}`);
      }
    }
    return node;
  };
  const unary = (): Node => {
    if (peek() === '!') {
      take();
      return { kind: 'not', operand: unary() };
    }
    return primary();
  };
  const compare = (): Node => {
    const left = unary();
    const op = peek();
    if (op === '==' || op === '!=') {
      take();
      return { kind: 'compare', op, left, right: unary() };
    }
    return left;
  };
  const and = (): Node => {
    let left = compare();
    while (peek() === '&&') {
      take();
      left = { kind: 'logic', op: '&&', left, right: compare() };
    }
    return left;
  };
  function or(): Node {
    let left = and();
    while (peek() === '||') {
      take();
      left = { kind: 'logic', op: '||', left, right: and() };
    }
    return left;
  }

  const tree = or();
  if (i !== tokens.length) throw new FilterSyntaxError(`Unexpected "${tokens[i]}" in: ${source}`);
  return tree;
}

function evaluate(node: Node, event: unknown, env: ReadonlyMap<string, unknown> = new Map()): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'list':
      return node.items.map((item) => evaluate(item, event, env));
    case 'includes': {
      const list = evaluate(node.list, event, env);
      if (!Array.isArray(list)) throw new FilterEvaluationError('includes() on a value that is not a list');
      return list.includes(evaluate(node.value, event, env));
    }
    case 'some': {
      const list = evaluate(node.list, event, env);
      if (!Array.isArray(list)) throw new FilterEvaluationError('some() on a value that is not a list');
      return list.some((item) => truthy(evaluate(node.body, event, new Map([...env, [node.param, item]]))));
    }
    case 'path': {
      let value: unknown = node.base === 'event' ? event : env.get(node.base);
      for (const step of node.steps) {
        if (value === null || value === undefined) {
          if (step.optional) return null;
          throw new FilterEvaluationError(`Cannot read "${step.name}" of null`);
        }
        const next = typeof value === 'object' ? (value as Record<string, unknown>)[step.name] : undefined;
        value = next === undefined ? null : next;
      }
      return value;
    }
    case 'not':
      return !truthy(evaluate(node.operand, event, env));
    case 'compare': {
      const equal = evaluate(node.left, event, env) === evaluate(node.right, event, env);
      return node.op === '==' ? equal : !equal;
    }
    case 'logic': {
      const left = truthy(evaluate(node.left, event, env));
      if (node.op === '&&') return left && truthy(evaluate(node.right, event, env));
      return left || truthy(evaluate(node.right, event, env));
    }
  }
}

function truthy(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false && value !== '' && value !== 0;
}

export interface TriggerFilter {
  expression: string;
  onError: OnError;
}

/** A compiled filter: answers whether to deliver the event, and a log line when evaluation failed. */
export function compileTriggerFilter(filter: TriggerFilter): (event: unknown) => {
  deliver: boolean;
  log?: string;
} {
  const tree = parseFilterExpression(filter.expression);
  return (event) => {
    try {
      return { deliver: truthy(evaluate(tree, event)) };
    } catch (error) {
      if (!(error instanceof FilterEvaluationError)) throw error;
      const log = `trigger filter "${filter.expression}": ${error.message}`;
      if (filter.onError === 'IGNORE') return { deliver: false };
      return { deliver: filter.onError === 'RECEIVE_AND_LOG', log };
    }
  };
}
