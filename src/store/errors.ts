import { InputError } from '../core/errors.js';

/** The request names something the store does not hold (a licence number, a decision id): HTTP 404. */
export class NotFoundError extends InputError {
  constructor(message: string, field: string, value: unknown) {
    super(message, field, value);
    this.name = 'NotFoundError';
  }
}

/**
 * The request is well-formed but clashes with what is stored (a licence number already taken, an idempotency key
 * reused for a different request): HTTP 409.
 */
export class ConflictError extends InputError {
  constructor(message: string, field: string, value: unknown) {
    super(message, field, value);
    this.name = 'ConflictError';
  }
}

export type ShipmentRefusal = 'quantity_exceeded' | 'value_exceeded' | 'outside_validity';

/**
 * A shipment the licence does not cover: it would take more than is left, or ships outside the licence's dates.
 * Nothing was recorded. `remaining` is what was left when the shipment was refused.
 */
export class ShipmentRefusedError extends ConflictError {
  constructor(
    message: string,
    field: string,
    value: unknown,
    readonly reason: ShipmentRefusal,
    readonly remaining: { quantity: number | null; value_usd: number | null },
  ) {
    super(message, field, value);
    this.name = 'ShipmentRefusedError';
  }
}
