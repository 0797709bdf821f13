/**
 * A trigger's `filter.expression` (manifest reference → trigger → Filter), evaluated against the
 * event before any function runs, as Forge does: an event the expression turns down costs no
 * invocation. Only the subset Tandem's manifest uses is understood — property paths from `event`
 * with `.` and `?.`, string/number/boolean/null literals, `==`, `!=`, `!`, `&&`, `||` and
 * parentheses — and anything else is refused when the manifest is loaded, so the preview never
 * silently accepts an expression it cannot judge.
 *
 * Reading a property of null without `?.` is an evaluation error; what happens then is the
 * filter's `onError`: IGNORE_AND_LOG (Forge's default: no invocation, a log line), IGNORE (no
 * invocation) or RECEIVE_AND_LOG (invocation and a log line).
 */

export const ON_ERROR = ['IGNORE_AND_LOG', 'IGNORE', 'RECEIVE_AND_LOG'] as const;
export type OnError = (typeof ON_ERROR)[number];

type Node =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'path'; steps: { name: string; optional: boolean }[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'compare'; op: '==' | '!='; left: Node; right: Node }
  | { kind: 'logic'; op: '&&' | '||'; left: Node; right: Node };

export class FilterSyntaxError extends Error {}
class FilterEvaluationError extends Error {}

const TOKEN =
  /\s*(?:(\?\.|==|!=|&&|\|\||[().!])|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_$][\w$]*))/y;

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
    if (token !== 'event')
      throw new FilterSyntaxError(`Only paths from "event" are supported, not "${token}"`);
    const steps: { name: string; optional: boolean }[] = [];
    while (peek() === '.' || peek() === '?.') {
      const optional = take() === '?.';
      const name = take();
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new FilterSyntaxError(`Bad property name "${name}"`);
      steps.push({ name, optional });
    }
    if (peek() === '(') throw new FilterSyntaxError(`Method calls are not supported: ${source}`);
    return { kind: 'path', steps };
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

function evaluate(node: Node, event: unknown): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'path': {
      let value: unknown = event;
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
      return !truthy(evaluate(node.operand, event));
    case 'compare': {
      const equal = evaluate(node.left, event) === evaluate(node.right, event);
      return node.op === '==' ? equal : !equal;
    }
    case 'logic': {
      const left = truthy(evaluate(node.left, event));
      if (node.op === '&&') return left && truthy(evaluate(node.right, event));
      return left || truthy(evaluate(node.right, event));
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
