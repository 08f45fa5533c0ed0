/**
 * Options of the request router, shared by the app and by the 404/405 handler's mirror of
 * the route table so both read paths the same way.
 */
export const routerOptions = {
  ignoreTrailingSlash: true,
  /** Longest path parameter in characters; longer ones are answered 400 (see error-handler). */
  maxParamLength: 200,
} as const;
