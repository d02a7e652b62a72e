import { FACT_SLOT, FACT_TYPES, factReader, isFactName, type FactName, type Facts, type FactType, type FactVector } from './facts.js';

/** Three-valued truth: `null` means "cannot tell from the facts given". */
export type Truth = boolean | null;

export type Scalar = number | string | boolean;

/** A leaf tests one fact; several operators on one leaf must all hold (a band: `gte: 2400, lt: 4800`). */
export interface FactTest {
  fact: string;
  eq?: Scalar;
  ne?: Scalar;
  lt?: number | string;
  lte?: number | string;
  gt?: number | string;
  gte?: number | string;
  in?: Scalar[];
  /** For list-valued facts: the list contains this value. */
  includes?: string;
  /** For list-valued facts: the list contains at least one of these. */
  includes_any?: string[];
  /** `known: true` holds when the fact has a value, `known: false` when it has none; never unknown itself. */
  known?: boolean;
}

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FactTest;

export type CompiledCondition = (facts: Facts) => Truth;

/**
 * A compiled condition, read by `evaluate`: a combination of conditions, or one operator on one fact (a leaf with
 * several operators compiles to `all` of them). Every node has every field, unused ones empty, so the evaluator
 * reads one object shape; a fact is named by its slot in a FactVector.
 */
export interface ConditionNode {
  op: 'all' | 'any' | 'not' | Operator;
  /** all, any: the conditions combined; not: the one it negates. */
  parts: readonly ConditionNode[];
  /** The slot of the fact an operator tests. */
  slot: number;
  /** The operator's operand: a list for `in` and `includes_any`, true or false for `known`. */
  operand: unknown;
}

export class ConditionError extends Error {
  constructor(
    message: string,
    /** Path inside the condition, e.g. ["all", 1, "gte"]. */
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = 'ConditionError';
  }
}

const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'includes', 'includes_any', 'known'] as const;
type Operator = (typeof OPERATORS)[number];

const ALLOWED: Record<FactType, readonly Operator[]> = {
  number: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'known'],
  date: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'known'],
  string: ['eq', 'ne', 'in', 'known'],
  boolean: ['eq', 'ne', 'known'],
  strings: ['includes', 'includes_any', 'known'],
};

/** Compiles a condition once into a closure over facts by name; throws ConditionError naming the offending path. */
export function compileCondition(cond: Condition, path: (string | number)[] = []): CompiledCondition {
  const node = compileConditionNode(cond, path);
  const read = factReader([...factsOf(cond)]);
  return (facts) => evaluate(node, read(facts));
}

/** Compiles a condition once for `evaluate`; throws ConditionError naming the offending path. */
export function compileConditionNode(cond: Condition, path: (string | number)[] = []): ConditionNode {
  if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) {
    throw new ConditionError('a condition must be an object with all, any, not or fact', path);
  }
  if ('all' in cond) return combine('all', expectList(cond.all, [...path, 'all']), [...path, 'all']);
  if ('any' in cond) return combine('any', expectList(cond.any, [...path, 'any']), [...path, 'any']);
  if ('not' in cond) return node('not', [compileConditionNode(cond.not, [...path, 'not'])]);
  if ('fact' in cond) return compileFactTest(cond, path);
  throw new ConditionError('a condition must have one of: all, any, not, fact', path);
}

function node(op: ConditionNode['op'], parts: readonly ConditionNode[], slot = -1, operand: unknown = null): ConditionNode {
  return { op, parts, slot, operand };
}

function expectList(list: unknown, path: (string | number)[]): Condition[] {
  if (!Array.isArray(list) || list.length === 0) throw new ConditionError('expected a non-empty list of conditions', path);
  return list as Condition[];
}

function combine(op: 'all' | 'any', list: Condition[], path: (string | number)[]): ConditionNode {
  return node(op, list.map((c, i) => compileConditionNode(c, [...path, i])));
}

function compileFactTest(test: FactTest, path: (string | number)[]): ConditionNode {
  const name = test.fact;
  if (typeof name !== 'string' || !isFactName(name)) {
    throw new ConditionError(`unknown fact "${String(name)}"`, [...path, 'fact']);
  }
  const type = FACT_TYPES[name];
  const slot = FACT_SLOT[name];
  const checks: ConditionNode[] = [];
  let knownTest: boolean | undefined;
  for (const key of Object.keys(test)) {
    if (key === 'fact') continue;
    if (!(OPERATORS as readonly string[]).includes(key)) {
      throw new ConditionError(`unknown operator "${key}"`, [...path, key]);
    }
    const op = key as Operator;
    if (!ALLOWED[type].includes(op)) {
      throw new ConditionError(`operator "${op}" does not apply to ${type} fact "${name}"`, [...path, op]);
    }
    const operand = test[op];
    if (op === 'known') {
      if (typeof operand !== 'boolean') throw new ConditionError('known takes true or false', [...path, op]);
      knownTest = operand;
      continue;
    }
    checkOperand(type, op, operand, [...path, op]);
    checks.push(node(op, [], slot, operand));
  }
  if (checks.length === 0 && knownTest === undefined) {
    throw new ConditionError(`fact "${name}" has no operator`, path);
  }
  if (knownTest !== undefined && checks.length > 0) {
    throw new ConditionError('known cannot be combined with other operators', [...path, 'known']);
  }
  if (knownTest !== undefined) return node('known', [], slot, knownTest);
  return checks.length === 1 ? checks[0]! : node('all', checks);
}

/** Three-valued truth of a compiled condition: a test of an unknown fact is unknown (`known` excepted). */
export function evaluate(cond: ConditionNode, facts: FactVector): Truth {
  switch (cond.op) {
    case 'all': {
      let unknown = false;
      for (const part of cond.parts) {
        const t = evaluate(part, facts);
        if (t === false) return false;
        if (t === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'any': {
      let unknown = false;
      for (const part of cond.parts) {
        const t = evaluate(part, facts);
        if (t === true) return true;
        if (t === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'not': {
      const t = evaluate(cond.parts[0]!, facts);
      return t === null ? null : !t;
    }
    case 'known':
      return (facts[cond.slot] != null) === cond.operand;
  }
  const v = facts[cond.slot];
  if (v == null) return null;
  const operand = cond.operand;
  switch (cond.op) {
    case 'eq':
      return v === operand;
    case 'ne':
      return v !== operand;
    case 'lt':
      return (v as number) < (operand as number);
    case 'lte':
      return (v as number) <= (operand as number);
    case 'gt':
      return (v as number) > (operand as number);
    case 'gte':
      return (v as number) >= (operand as number);
    case 'in':
      return (operand as readonly Scalar[]).includes(v as Scalar);
    case 'includes':
      return (v as readonly string[]).includes(operand as string);
    case 'includes_any':
      for (const wanted of operand as readonly string[]) if ((v as readonly string[]).includes(wanted)) return true;
      return false;
  }
}

function checkOperand(type: FactType, op: Operator, operand: unknown, path: (string | number)[]): void {
  const scalarType = type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string';
  const ok = (x: unknown) => typeof x === scalarType && (scalarType !== 'string' || type !== 'date' || /^\d{4}-\d{2}-\d{2}$/.test(x as string));
  if (op === 'in') {
    if (!Array.isArray(operand) || operand.length === 0 || !operand.every(ok)) {
      throw new ConditionError(`in needs a non-empty list of ${type} values`, path);
    }
  } else if (op === 'includes') {
    if (typeof operand !== 'string') throw new ConditionError('includes needs a string', path);
  } else if (op === 'includes_any') {
    if (!Array.isArray(operand) || operand.length === 0 || !operand.every((x) => typeof x === 'string')) {
      throw new ConditionError('includes_any needs a non-empty list of strings', path);
    }
  } else if (!ok(operand)) {
    throw new ConditionError(`${op} needs a ${type} value, got ${JSON.stringify(operand)}`, path);
  }
}

/** The facts a condition reads, for explanations ("which inputs decided this"). */
export function factsOf(cond: Condition, into: Set<FactName> = new Set()): Set<FactName> {
  if ('all' in cond) cond.all.forEach((c) => factsOf(c, into));
  else if ('any' in cond) cond.any.forEach((c) => factsOf(c, into));
  else if ('not' in cond) factsOf(cond.not, into);
  else if (isFactName(cond.fact)) into.add(cond.fact);
  return into;
}
