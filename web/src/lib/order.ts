// An order lives in the Check page's URL (`#/check?chip=nvidia-h20&to=CN&on=2025-09-01&qty=100`), so a decision
// can be shared and reproduced. The query keys are the order JSON's field names (README "Deciding an order").

export const PRECISIONS = ['fp64', 'fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'fp6', 'fp4', 'int4'] as const;
export type Precision = (typeof PRECISIONS)[number];

export interface SpecForm {
  name: string;
  vendor: string;
  /** '' unknown, 'yes' or 'no'. */
  datacenter: string;
  die_area_mm2: string;
  dense_tops: Record<Precision, string>;
  memory_bandwidth_gbps: string;
  interconnect_gbps: string;
  hbm: boolean;
}

export interface OrderForm {
  mode: 'chip' | 'spec';
  chip: string;
  spec: SpecForm;
  to: string;
  qty: string;
  unit_price: string;
  buyer: string;
  buyer_hq: string;
  end_user: string;
  end_user_hq: string;
  end_use: string;
  state_funded: boolean;
  seller: string;
  exported_from: string;
  on: string;
}

const TEXT_FIELDS = ['to', 'qty', 'unit_price', 'buyer', 'buyer_hq', 'end_user', 'end_user_hq', 'end_use', 'seller', 'exported_from', 'on'] as const;
const NUMBER_FIELDS = new Set(['qty', 'unit_price']);

export function emptySpec(): SpecForm {
  return {
    name: '',
    vendor: '',
    datacenter: '',
    die_area_mm2: '',
    dense_tops: Object.fromEntries(PRECISIONS.map((p) => [p, ''])) as Record<Precision, string>,
    memory_bandwidth_gbps: '',
    interconnect_gbps: '',
    hbm: false,
  };
}

export function emptyOrderForm(today: string): OrderForm {
  return {
    mode: 'chip',
    chip: '',
    spec: emptySpec(),
    to: '',
    qty: '',
    unit_price: '',
    buyer: '',
    buyer_hq: '',
    end_user: '',
    end_user_hq: '',
    end_use: '',
    state_funded: false,
    seller: '',
    exported_from: '',
    on: today,
  };
}

/** A number when the text is one; otherwise the text itself, so the server's problem names the bad value. */
function numeric(text: string): number | string {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

export function specFromForm(s: SpecForm): Record<string, unknown> {
  const spec: Record<string, unknown> = { name: s.name.trim() };
  if (s.vendor.trim()) spec.vendor = s.vendor.trim();
  if (s.datacenter) spec.datacenter = s.datacenter === 'yes';
  if (s.die_area_mm2.trim()) spec.die_area_mm2 = numeric(s.die_area_mm2);
  const dense = Object.fromEntries(PRECISIONS.filter((p) => s.dense_tops[p].trim()).map((p) => [p, numeric(s.dense_tops[p])]));
  if (Object.keys(dense).length) spec.dense_tops = dense;
  if (s.memory_bandwidth_gbps.trim()) spec.memory_bandwidth_gbps = numeric(s.memory_bandwidth_gbps);
  if (s.interconnect_gbps.trim()) spec.interconnect_gbps = numeric(s.interconnect_gbps);
  if (s.hbm) spec.hbm = true;
  return spec;
}

function specFormOf(spec: Record<string, unknown>): SpecForm {
  const form = emptySpec();
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  form.name = text(spec.name);
  form.vendor = text(spec.vendor);
  form.datacenter = spec.datacenter === true ? 'yes' : spec.datacenter === false ? 'no' : '';
  form.die_area_mm2 = text(spec.die_area_mm2);
  const dense = (spec.dense_tops ?? {}) as Record<string, unknown>;
  for (const p of PRECISIONS) form.dense_tops[p] = text(dense[p]);
  form.memory_bandwidth_gbps = text(spec.memory_bandwidth_gbps);
  form.interconnect_gbps = text(spec.interconnect_gbps);
  form.hbm = spec.hbm === true;
  return form;
}

/** The order JSON for POST /v1/check; empty fields are left out so the server applies its defaults. */
export function orderFromForm(f: OrderForm): Record<string, unknown> {
  const order: Record<string, unknown> = f.mode === 'spec' ? { spec: specFromForm(f.spec) } : { chip: f.chip };
  for (const key of TEXT_FIELDS) {
    const v = f[key].trim();
    if (v) order[key] = NUMBER_FIELDS.has(key) ? numeric(v) : v;
  }
  if (f.state_funded) order.state_funded = true;
  return order;
}

/** The URL query that encodes an order form. */
export function queryFromForm(f: OrderForm): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.mode === 'spec') q.spec = JSON.stringify(specFromForm(f.spec));
  else if (f.chip) q.chip = f.chip;
  for (const key of TEXT_FIELDS) if (f[key].trim()) q[key] = f[key].trim();
  if (f.state_funded) q.state_funded = '1';
  return q;
}

/** The form a URL query describes; a `spec` that is not valid JSON leaves the spec empty. */
export function formFromQuery(query: URLSearchParams, today: string): OrderForm {
  const form = emptyOrderForm(today);
  const specText = query.get('spec');
  if (specText !== null) {
    form.mode = 'spec';
    try {
      const parsed: unknown = JSON.parse(specText);
      if (parsed && typeof parsed === 'object') form.spec = specFormOf(parsed as Record<string, unknown>);
    } catch {
      // A hand-edited link with broken JSON: start from an empty spec rather than fail the page.
    }
  }
  form.chip = query.get('chip') ?? '';
  for (const key of TEXT_FIELDS) form[key] = query.get(key) ?? form[key];
  form.state_funded = query.get('state_funded') === '1';
  return form;
}

/** Whether the query holds an order to decide: a destination and a chip or spec. */
export function queryHasOrder(query: URLSearchParams): boolean {
  return !!query.get('to') && (!!query.get('chip') || !!query.get('spec'));
}
