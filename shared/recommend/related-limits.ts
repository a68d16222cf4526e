/** `limit` of `GET /articles/{id}/related`: enforced by the route, published in the OpenAPI document. */
export const RelatedLimits = {
  default: 4,
  /** Largest `limit` a reader may ask for. */
  max: 12,
} as const;
