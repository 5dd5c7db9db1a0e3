export { type ApiClient, type CallOptions, createApiClient } from './client.js';
export { resolveEndpoint, validateEndpointTemplate } from './endpoint.js';
export type { ApiClientOptions, ApiLogger, ApiRetryOptions } from './options.js';
export { DEFAULT_ADAPTIVE_RPS, RateGate, type RateGateOptions } from './rate-gate.js';
export * from './types.js';
