export { type ApiClient, type CallOptions, createApiClient } from './client.js';
export { deliveryOf, mayHaveBeenApplied, type RequestDelivery } from './delivery.js';
export { redactUserInfo, resolveEndpoint, validateEndpointTemplate } from './endpoint.js';
export {
  type ApiClientOptions,
  type ApiLogger,
  type ApiRetryOptions,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type RetryEvent,
} from './options.js';
export { MAX_ITEMS, MAX_PAGES } from './paging.js';
export { DEFAULT_ADAPTIVE_RPS, RateGate, type RateGateOptions } from './rate-gate.js';
export { type StringShare, slimCluster } from './slim.js';
export { MAX_BODY_BYTES } from './transport.js';
export * from './types.js';
