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
 * `text` with any user info (`user:password@`) replaced by `***@`, for error messages. These messages show text that
 * failed validation, which no parser reads reliably: WHATWG takes user info up to the last `@` of the authority, but
 * a password typed with `/`, `?` or `#` in it moves where the authority ends. So everything from after `//` (or the
 * start) up to the LAST `@` anywhere is cut: a message may show too little, never a password.
 */
export function redactUserInfo(text: string): string {
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  const schemeEnd = text.indexOf('://');
  const start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
  return `${text.slice(0, start)}***${text.slice(at)}`;
}
