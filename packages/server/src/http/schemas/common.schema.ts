import { type TSchema, Type } from 'typebox';

/** A string limited to the given values (a plain JSON Schema enum, so errors read well). */
export function StringEnum<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>({
    type: 'string',
    enum: [...values],
    ...(description && { description }),
  });
}

/** common.yml `requestData`. */
export const RequestData = Type.Object({
  requestID: Type.String(),
  link: Type.String(),
});

/** common.yml `genericRsp`: what operations without a body of their own answer. */
export const GenericResponse = Type.Object(
  {
    httpStatusCode: Type.Integer(),
    message: Type.String(),
    requestData: RequestData,
    runtime: Type.Number(),
  },
  { $id: 'genericRsp' },
);

/** common.yml `errorRsp`, plus Latchkey's stable `error.code`. */
export const ErrorResponse = Type.Object(
  {
    httpStatusCode: Type.Integer(),
    message: Type.String(),
    requestData: RequestData,
    runtime: Type.Number(),
    data: Type.Optional(Type.Object({}, { additionalProperties: true })),
    error: Type.Object({
      type: Type.String({ description: 'Category of the error, e.g. validation_error' }),
      code: Type.String({ description: 'Latchkey error code, stable, e.g. USER_NOT_FOUND' }),
      details: Type.Optional(Type.String()),
      validation: Type.Optional(
        Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
      ),
      links: Type.Optional(Type.Array(Type.String())),
    }),
  },
  { $id: 'errorRsp' },
);

/** common.yml `paging`. */
export const Paging = Type.Object({
  page: Type.Integer(),
  totalPages: Type.Integer(),
  totalItems: Type.Integer(),
});

/** common.yml list parameters: sort, filter[], page, pageSize. */
export const ListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ default: 1, description: 'Page to return, from 1' })),
  pageSize: Type.Optional(
    Type.Integer({ default: 10, description: 'Items per page; clamped to 1…100' }),
  ),
  sort: Type.Optional(Type.String({ maxLength: 100, description: 'e.g. created:desc' })),
  'filter[]': Type.Optional(
    Type.Array(Type.String({ maxLength: 300 }), {
      maxItems: 20,
      description: '<field>:<eq|gt|lt>:<value>',
    }),
  ),
  // Clients that drop the brackets must get a filtered list, not silently an unfiltered one.
  filter: Type.Optional(
    Type.Array(Type.String({ maxLength: 300 }), {
      maxItems: 20,
      description: 'Same as filter[] (for clients that drop the brackets)',
    }),
  ),
});

/** Every filter of a list query, whichever of `filter[]` and `filter` carried it. */
export function listFilters(query: { 'filter[]'?: string[]; filter?: string[] }): string[] {
  return [...(query['filter[]'] ?? []), ...(query.filter ?? [])];
}

/** Every error status a route can answer, for the response schemas. */
export function withErrors<T extends Record<number, TSchema>>(responses: T) {
  return { ...responses, '4xx': ErrorResponse, '5xx': ErrorResponse };
}
