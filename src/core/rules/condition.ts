import { FACT_TYPES, isFactName, type FactName, type Facts, type FactType } from './facts.js';

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

/** Compiles a condition once into a closure; throws ConditionError naming the offending path. */
export function compileCondition(cond: Condition, path: (string | number)[] = []): CompiledCondition {
  if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) {
    throw new ConditionError('a condition must be an object with all, any, not or fact', path);
  }
  if ('all' in cond) return compileAll(expectList(cond.all, [...path, 'all']), [...path, 'all']);
  if ('any' in cond) return compileAny(expectList(cond.any, [...path, 'any']), [...path, 'any']);
  if ('not' in cond) {
    const inner = compileCondition(cond.not, [...path, 'not']);
    return (facts) => {
      const t = inner(facts);
      return t === null ? null : !t;
    };
  }
  if ('fact' in cond) return compileFactTest(cond, path);
  throw new ConditionError('a condition must have one of: all, any, not, fact', path);
}

function expectList(list: unknown, path: (string | number)[]): Condition[] {
  if (!Array.isArray(list) || list.length === 0) throw new ConditionError('expected a non-empty list of conditions', path);
  return list as Condition[];
}

function compileAll(list: Condition[], path: (string | number)[]): CompiledCondition {
  const parts = list.map((c, i) => compileCondition(c, [...path, i]));
  return (facts) => {
    let unknown = false;
    for (const p of parts) {
      const t = p(facts);
      if (t === false) return false;
      if (t === null) unknown = true;
    }
    return unknown ? null : true;
  };
}

function compileAny(list: Condition[], path: (string | number)[]): CompiledCondition {
  const parts = list.map((c, i) => compileCondition(c, [...path, i]));
  return (facts) => {
    let unknown = false;
    for (const p of parts) {
      const t = p(facts);
      if (t === true) return true;
      if (t === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

function compileFactTest(test: FactTest, path: (string | number)[]): CompiledCondition {
  const name = test.fact;
  if (typeof name !== 'string' || !isFactName(name)) {
    throw new ConditionError(`unknown fact "${String(name)}"`, [...path, 'fact']);
  }
  const type = FACT_TYPES[name];
  const checks: ((v: NonNullable<Facts[FactName]>) => boolean)[] = [];
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
    checks.push(makeCheck(op, operand));
  }
  if (checks.length === 0 && knownTest === undefined) {
    throw new ConditionError(`fact "${name}" has no operator`, path);
  }
  if (knownTest !== undefined && checks.length > 0) {
    throw new ConditionError('known cannot be combined with other operators', [...path, 'known']);
  }
  if (knownTest !== undefined) {
    const wanted = knownTest;
    return (facts) => (facts[name] != null) === wanted;
  }
  if (checks.length === 1) {
    const only = checks[0]!;
    return (facts) => {
      const v = facts[name];
      return v == null ? null : only(v);
    };
  }
  return (facts) => {
    const v = facts[name];
    if (v == null) return null;
    for (const c of checks) if (!c(v)) return false;
    return true;
  };
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

function makeCheck(op: Exclude<Operator, 'known'>, operand: unknown): (v: NonNullable<Facts[FactName]>) => boolean {
  switch (op) {
    case 'eq':
      return (v) => v === operand;
    case 'ne':
      return (v) => v !== operand;
    case 'lt':
      return (v) => (v as number) < (operand as number);
    case 'lte':
      return (v) => (v as number) <= (operand as number);
    case 'gt':
      return (v) => (v as number) > (operand as number);
    case 'gte':
      return (v) => (v as number) >= (operand as number);
    case 'in': {
      const set = new Set(operand as Scalar[]);
      return (v) => set.has(v as Scalar);
    }
    case 'includes':
      return (v) => (v as readonly string[]).includes(operand as string);
    case 'includes_any': {
      const wanted = operand as string[];
      return (v) => wanted.some((w) => (v as readonly string[]).includes(w));
    }
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
