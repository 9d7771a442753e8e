const nullableNumber = { type: ['number', 'null'] } as const;
const nullableString = { type: ['string', 'null'] } as const;

/** GET /v1/customers/{id}/predictions's answer, described in full for the console's typed client. */
export const predictionsResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'customerId',
    'externalId',
    'asOfDay',
    'computedAt',
    'model',
    'spendModel',
    'note',
    'pAlive',
    'expectedOrders',
    'predictedClvMinor',
    'clvMonths',
    'currency',
    'expectedNextOrderDay',
  ],
  properties: {
    customerId: { type: 'string' },
    externalId: { type: 'string' },
    asOfDay: nullableString,
    computedAt: nullableString,
    model: nullableString,
    spendModel: nullableString,
    note: nullableString,
    pAlive: nullableNumber,
    expectedOrders: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['days', 'expectedOrders'],
        properties: { days: { type: 'integer' }, expectedOrders: { type: 'number' } },
      },
    },
    predictedClvMinor: nullableNumber,
    clvMonths: { type: 'integer' },
    currency: nullableString,
    expectedNextOrderDay: nullableString,
  },
} as const;
