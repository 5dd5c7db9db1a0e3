/** The suite's own raw HTTP client: it must see statuses, headers and bodies exactly as the server sends them. */

/** One answer, as seen. */
export interface Answer {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when it is not JSON ('' for an empty body). */
  body: unknown;
  ms: number;
}

/** What `call` accepts. */
export interface CallOptions {
  body?: unknown;
  /** Throw on a network error (default) or answer status 0. */
  tolerateNetworkError?: boolean;
}

/** A client bound to one region's base URL, recording every answer (for the headers and echo checks). */
export class RawApi {
  readonly answers: Answer[] = [];
  readonly baseUrl: string;
  private readonly token: string;
  private readonly userAgent: string;

  constructor(baseUrl: string, token: string, userAgent: string) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.userAgent = userAgent;
  }

  /** One request; 429s are waited out (Retry-After, at most 60 s each, 5 times) like pgensure does. */
  async call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.send(method, path, options);
      if (answer.status !== 429 || attempt >= 5) return answer;
      const seconds = Number(answer.headers['retry-after']);
      await new Promise((resolve) => setTimeout(resolve, Math.min(60, Number.isFinite(seconds) ? seconds : 1) * 1000));
    }
  }

  /** GET that must succeed: throws with the status otherwise. */
  async read(path: string): Promise<unknown> {
    const answer = await this.call('GET', path);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${describeAnswer(answer)}`);
    return answer.body;
  }

  private async send(method: string, path: string, options: CallOptions): Promise<Answer> {
    const started = performance.now();
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json',
      'user-agent': this.userAgent,
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      const answer: Answer = {
        method,
        path,
        status: res.status,
        headers: Object.fromEntries([...res.headers].map(([k, v]) => [k.toLowerCase(), v])),
        body: parseBody(text),
        ms: performance.now() - started,
      };
      this.answers.push(answer);
      return answer;
    } catch (error) {
      if (!options.tolerateNetworkError) throw error;
      return { method, path, status: 0, headers: {}, body: String(error), ms: performance.now() - started };
    }
  }
}

function parseBody(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `409 CLUSTER_BUSY` or `201`: the status and the first errorCode of an error body. */
export function statusWithCode(answer: Answer): string {
  const code = firstErrorCode(answer.body);
  return code === undefined ? String(answer.status) : `${answer.status} ${code}`;
}

/** The first `messages[].errorCode` of an API error body. */
export function firstErrorCode(body: unknown): string | undefined {
  const messages = (body as { messages?: { errorCode?: unknown }[] } | undefined)?.messages;
  const code = Array.isArray(messages) ? messages[0]?.errorCode : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** For error messages: status, errorCode and message. */
export function describeAnswer(answer: Answer): string {
  const messages = (answer.body as { messages?: { message?: unknown }[] } | undefined)?.messages;
  const message = Array.isArray(messages) && typeof messages[0]?.message === 'string' ? `: ${messages[0].message}` : '';
  return `${statusWithCode(answer)}${message}`;
}

/** `items` of a list body (a missing key counts as empty). */
export function itemsOf(body: unknown): Record<string, unknown>[] {
  const items = (body as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
}

/** The `limit` a list body says it applied. */
export function echoedLimitOf(body: unknown): number | undefined {
  const limit = (body as { limit?: unknown } | undefined)?.limit;
  return typeof limit === 'number' ? limit : undefined;
}
