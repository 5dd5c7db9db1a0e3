import { UsageError } from '../errors.js';
import { isRegion, type Region } from './types.js';

const PLACEHOLDER = '{region}';
const TEMPLATE_HINT =
  'set --endpoint or PGENSURE_ENDPOINT to a URL template such as https://postgresql.{region}.ionos.com';

/** Throws a UsageError unless `template` is an http(s) URL template with a `{region}` placeholder. */
export function validateEndpointTemplate(template: string): void {
  const shown = redactUserInfo(template);
  if (!template.includes(PLACEHOLDER)) {
    throw new UsageError(`the endpoint template must contain {region}: ${shown}`, { hint: TEMPLATE_HINT });
  }
  const url = parseUrl(template.replaceAll(PLACEHOLDER, 'de-fra'));
  if (url === undefined)
    throw new UsageError(`the endpoint template is not a valid URL: ${shown}`, { hint: TEMPLATE_HINT });
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`the endpoint template must be an http:// or https:// URL: ${shown}`, { hint: TEMPLATE_HINT });
  }
  // Credentials in the URL would end up in every error message; the token belongs in IONOS_TOKEN.
  if (url.username !== '' || url.password !== '') {
    throw new UsageError('the endpoint template must not contain a user name or password', { hint: TEMPLATE_HINT });
  }
  if (url.search !== '' || url.hash !== '') {
    throw new UsageError(`the endpoint template must not contain a query or fragment: ${shown}`, {
      hint: TEMPLATE_HINT,
    });
  }
}

/** The base URL (no trailing slash) of `region` for `template`; API paths are appended to it. */
export function resolveEndpoint(template: string, region: Region): string {
  validateEndpointTemplate(template);
  if (!isRegion(region)) throw new UsageError(`unknown region: ${String(region)}`);
  const url = parseUrl(template.replaceAll(PLACEHOLDER, region));
  if (url === undefined) throw new UsageError(`the endpoint template is not a valid URL for region ${region}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * `text` with any user info (`user:password@`) replaced by `***@`, for error messages. A URL that parses loses
 * exactly what the WHATWG parser takes as user info: everything up to the LAST `@` before the path. Text that does
 * not parse (the very case an error message reports) is cut more widely: up to the last `@` anywhere, since the
 * parser that would tell user info from path gave up.
 */
export function redactUserInfo(text: string): string {
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  const schemeEnd = text.indexOf('://');
  const authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
  const url = parseUrl(text.replaceAll(PLACEHOLDER, 'de-fra'));
  if (url !== undefined && url.username === '' && url.password === '') return text;
  let cut = url === undefined ? at : lastAtOfAuthority(text, authorityStart);
  if (cut < authorityStart) cut = at; // not where the parser put it: cut widely rather than show a password
  return cut < authorityStart ? `***${text.slice(at)}` : `${text.slice(0, authorityStart)}***${text.slice(cut)}`;
}

// In a URL that parses, the authority ends at the first `/`, `?`, `#` or `\` after `//`; user info cannot hold them.
function lastAtOfAuthority(text: string, start: number): number {
  const rest = text.slice(start);
  const end = rest.search(/[/?#\\]/);
  return start + (end < 0 ? rest : rest.slice(0, end)).lastIndexOf('@');
}
