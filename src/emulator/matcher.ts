/** Which API requests a latency rule or a scheduled trigger applies to (docs/emulator.md §9, §12.3). */
import { isRegion, type Region } from '../api/types.js';
import type { RequestMatcher } from './types.js';

/** An API request as matchers see it: `path` is the part after the region, e.g. `/clusters/<id>`. */
export interface RequestInfo {
  method: string;
  region: Region;
  path: string;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function isWildcard(segment: string): boolean {
  return segment === '*' || /^\{[^/]*\}$/.test(segment);
}

/** Whether the request matches: same method (any case), same region, and the path segment by segment. */
export function matchesRequest(matcher: RequestMatcher, request: RequestInfo): boolean {
  if (matcher.method !== undefined && matcher.method.toUpperCase() !== request.method) return false;
  if (matcher.region !== undefined && matcher.region !== request.region) return false;
  if (matcher.path === undefined) return true;
  const want = segmentsOf(matcher.path);
  const got = segmentsOf(request.path);
  return want.length === got.length && want.every((segment, i) => isWildcard(segment) || segment === got[i]);
}

const METHOD = /^[A-Za-z]+$/;

/** Problems of a matcher read from JSON, each prefixed with `at`. */
export function checkMatcher(value: Record<string, unknown>, at: string): string[] {
  const problems: string[] = [];
  const { method, path, region } = value;
  if (method !== undefined && (typeof method !== 'string' || !METHOD.test(method))) {
    problems.push(`${at}.method: must be an HTTP method such as GET or PUT`);
  }
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
    problems.push(`${at}.path: must be a path after the region, such as /clusters or /clusters/{id}`);
  }
  if (region !== undefined && !isRegion(region)) problems.push(`${at}.region: must be one of the nine regions`);
  return problems;
}

/** `METHOD` or `METHOD PATH` (the CLI's spelling of a matcher), e.g. `GET /clusters/{id}`. */
export function parseMatcher(text: string): RequestMatcher | undefined {
  const match = /^\s*([A-Za-z]+|\*)(?:\s+(\/\S*))?\s*$/.exec(text);
  if (match === null) return undefined;
  const matcher: RequestMatcher = {};
  if (match[1] !== '*') matcher.method = match[1]!.toUpperCase();
  if (match[2] !== undefined) matcher.path = match[2];
  return matcher;
}
