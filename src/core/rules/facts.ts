/**
 * The typed facts a rule may test. Every fact a rule file names must be declared here, so a typo in a rule
 * is a load error instead of a condition that silently never fires. A fact whose value is `null` or absent
 * is unknown, and conditions over it evaluate to unknown (three-valued logic).
 */
export type FactType = 'number' | 'boolean' | 'string' | 'strings' | 'date';

export const FACT_TYPES = {
  date: 'date',
  // chip metrics and attributes
  'chip.id': 'string',
  'chip.vendor': 'string',
  'chip.tpp': 'number',
  'chip.pd': 'number',
  'chip.datacenter': 'boolean',
  'chip.io_bandwidth_gbps': 'number',
  'chip.memory_bandwidth_gbps': 'number',
  'chip.interconnect_gbps': 'number',
  'chip.memory_plus_io_gbps': 'number',
  'chip.hbm_item': 'boolean',
  'chip.memory_bandwidth_density': 'number',
  'chip.china_specific': 'string',
  // classification of the chip on the decision date
  'chip.eccn': 'string',
  'chip.controlled': 'boolean',
  'chip.classification': 'string',
  // destination (ISO 3166 alpha-2) and its country groups on the decision date
  'destination.country': 'string',
  'destination.territory': 'string',
  'destination.groups': 'strings',
  // parties
  'buyer.name': 'string',
  'buyer.hq': 'string',
  'buyer.hq_groups': 'strings',
  'buyer.listed': 'boolean',
  'end_user.name': 'string',
  'end_user.hq': 'string',
  'end_user.hq_groups': 'strings',
  'parties.hq_groups': 'strings',
  'parties.hq_countries': 'strings',
  'buyer.listed_owner_percent': 'number',
  'buyer.parent_listed': 'boolean',
  'parties.listed': 'boolean',
  'parties.lists': 'strings',
  'seller.name': 'string',
  // the order
  'order.end_use': 'string',
  'order.end_use_tags': 'strings',
  'order.state_funded': 'boolean',
  'order.quantity': 'number',
  'order.value_usd': 'number',
  'order.exported_from': 'string',
} as const satisfies Record<string, FactType>;

export type FactName = keyof typeof FACT_TYPES;
export type FactValue = number | boolean | string | readonly string[] | null | undefined;
export type Facts = Partial<Record<FactName, FactValue>>;

export function isFactName(name: string): name is FactName {
  return Object.prototype.hasOwnProperty.call(FACT_TYPES, name);
}

/** Every fact in a fixed order: a fact's position here is its slot in a FactVector. */
export const FACT_NAMES = Object.freeze(Object.keys(FACT_TYPES) as FactName[]);

/** The slot of each fact in a FactVector. */
export const FACT_SLOT = Object.freeze(Object.fromEntries(FACT_NAMES.map((name, slot) => [name, slot])) as Record<FactName, number>);

/**
 * Facts by slot, the form compiled conditions read: an array load by index stays fast however many different
 * facts a rule set tests, where a property lookup by fact name does not.
 */
export type FactVector = FactValue[];

const UNKNOWN_FACTS: readonly FactValue[] = FACT_NAMES.map(() => undefined);

/**
 * A function that copies the named facts (every fact unless told) into their slots, others left unknown. Built
 * once for a set of names, such as those a condition reads, so each copy reads only those; the vector ends after
 * the last slot named, as nothing reads past it. Given `into`, a vector it made before, it refills that instead.
 */
export function factReader(names: readonly FactName[] = FACT_NAMES): (facts: Facts, into?: FactVector) => FactVector {
  const slots = names.map((name) => FACT_SLOT[name]);
  const length = Math.max(0, ...slots.map((slot) => slot + 1));
  return (facts, into = UNKNOWN_FACTS.slice(0, length)) => {
    for (let i = 0; i < names.length; i++) into[slots[i]!] = facts[names[i]!];
    return into;
  };
}
