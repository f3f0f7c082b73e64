/**
 * Money in the spec: amounts in minor units, which the client keeps as integers. A change to any of
 * these always needs a person (a `Value` turning into a double would let 50.5 through), so the
 * differ flags them and test/spec/spec-pins.test.ts pins their type and format.
 */

/** A property name that carries an amount of money wherever it appears. */
export const MONEY_FIELD_NAME = /^(Value|Balance|Amount|Price|Total|FaceValue)$/;

/** Every money field of the vendored spec, with the integer format it has today. */
export const MONEY_FIELDS = [
  { schema: 'OrderProduct', field: 'Value', format: 'int32' },
  { schema: 'StockRequest', field: 'Value', format: 'int32' },
  { schema: 'BalanceItem', field: 'Balance', format: 'int64' },
] as const;

export function isMoneyField(field: string): boolean {
  return MONEY_FIELD_NAME.test(field);
}
