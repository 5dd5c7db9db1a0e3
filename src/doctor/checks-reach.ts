/** Pure checks: can the region be reached (DNS, TCP, TLS, HTTP), is the token accepted, how slow is it. */
import type { CheckResult, ConnectStep, DoctorSettings, RegionObservation } from './types.js';
import {
  blockedReason,
  describeStatus,
  durationOf,
  fail,
  formatMs,
  median,
  pass,
  roundMs,
  skipped,
} from './verdict.js';

const STEP_NAMES = { dns: 'DNS', tcp: 'TCP', tls: 'TLS' } as const;

/** The first step that failed names the check's failure; `GET /clusters` answering 404 means a wrong base path. */
export function checkEndpoint(obs: RegionObservation): CheckResult {
  const steps = obs.connect.map((s) => ({ step: s.step, state: s.state, ms: s.ms, detail: s.detail, code: s.code }));
  const failed = obs.connect.find((s) => s.state === 'failed');
  if (failed !== undefined) {
    const name = STEP_NAMES[failed.step];
    return fail('endpoint', name, `${name} failed: ${failed.detail}`, hintForStep(failed, obs.baseUrl), {
      failedStep: failed.step,
      steps,
    });
  }
  const reached = `${obs.connect.map(describeStep).join(', ')}`;
  if (obs.httpFailure !== undefined) {
    const { code, path } = obs.httpFailure;
    return fail(
      'endpoint',
      'HTTP',
      `${reached}; then GET ${path} got no answer: ${obs.httpFailure.message} (${code})`,
      'the connection was accepted but the request got no answer: a proxy or firewall may be dropping it, or the regional API is down (see the IONOS Cloud status page)',
      { failedStep: 'http', steps, httpCode: code },
    );
  }
  if (obs.auth?.status === 404) {
    return fail(
      'endpoint',
      '404',
      `${reached}; but GET /clusters answered 404: nothing is served at ${obs.baseUrl}/clusters`,
      'the API paths hang directly off the host (https://postgresql.{region}.ionos.com/clusters, no /v2): check --endpoint / PGENSURE_ENDPOINT',
      { failedStep: 'http', steps, status: 404 },
    );
  }
  return pass('endpoint', 'ok', `${reached}, HTTP ${obs.auth?.status ?? '-'}`, { failedStep: null, steps });
}

function describeStep(step: ConnectStep): string {
  const name = STEP_NAMES[step.step];
  if (step.state === 'n/a') return `${name} n/a (${step.detail})`;
  return `${name} ${step.ms === null ? '' : `${formatMs(step.ms)} `}(${step.detail})`;
}

function hintForStep(step: ConnectStep, baseUrl: string): string {
  switch (step.step) {
    case 'dns':
      return `the host name of ${baseUrl} does not resolve: check --endpoint / PGENSURE_ENDPOINT and this machine's DNS`;
    case 'tcp':
      return `nothing accepted a TCP connection for ${baseUrl}: check the port and any firewall (pgensure connects directly, without an HTTP proxy)`;
    case 'tls':
      return step.code === 'EPROTO' || /WRONG_VERSION|wrong version/i.test(`${step.code} ${step.detail}`)
        ? `the server does not speak TLS there: use http:// for a plain-HTTP endpoint such as the emulator`
        : `the server's certificate was refused (${step.code ?? 'TLS error'}): check this machine's clock, or give Node a TLS-inspecting proxy's CA with NODE_EXTRA_CA_CERTS`;
  }
}

/** 401 (not accepted) and 403 (accepted, not allowed) are told apart; anything but 2xx fails. */
export function checkToken(obs: RegionObservation): CheckResult {
  const auth = obs.auth;
  if (auth === undefined || obs.httpFailure !== undefined || auth.status === 404)
    return skipped('token', 'the endpoint did not answer');
  const data = { status: auth.status };
  if (auth.status >= 200 && auth.status < 300) return pass('token', 'ok', 'the token was accepted', data);
  const seen = describeStatus(auth);
  if (auth.status === 401)
    return fail(
      'token',
      '401',
      `the token was refused (${seen})`,
      'IONOS_TOKEN is wrong or expired: create a new one (e.g. `ionosctl token generate`) and export it',
      data,
    );
  if (auth.status === 403)
    return fail(
      'token',
      '403',
      `the token is valid but not allowed to read clusters (${seen})`,
      "the token's user lacks the DBaaS privilege, or the contract has no DBaaS: ask the contract owner to grant it",
      data,
    );
  if (auth.status === 429)
    return fail(
      'token',
      '429',
      `every attempt was rate limited (${seen})`,
      'the API is throttling this token; wait a minute and run doctor again',
      data,
    );
  return fail(
    'token',
    `HTTP ${auth.status}`,
    `GET /clusters answered ${seen}`,
    auth.status >= 500
      ? 'the regional API has a server error: try again later (see the IONOS Cloud status page)'
      : 'an answer the API does not document for GET /clusters: run with --log-level debug and report it',
    data,
  );
}

/** The median of a few small GETs on a warm connection. */
export function checkLatency(obs: RegionObservation, settings: DoctorSettings): CheckResult {
  const blocked = blockedReason(obs);
  if (blocked !== undefined) return skipped('latency', blocked);
  const samples = obs.latency.filter((e) => e.status >= 200 && e.status < 300).map(durationOf);
  if (samples.length === 0) return skipped('latency', 'no successful request to time');
  const ms = median(samples);
  const data = { samplesMs: samples.map(roundMs), medianMs: roundMs(ms), thresholdMs: settings.maxLatencyMs };
  const detail = `median of ${samples.length} small GETs: ${formatMs(ms)}`;
  if (ms <= settings.maxLatencyMs) return pass('latency', formatMs(ms), detail, data);
  return fail(
    'latency',
    formatMs(ms),
    `${detail}, above ${formatMs(settings.maxLatencyMs)}`,
    'requests to this region are slow: check a VPN or proxy on the way; plans will be slow and apply may time out',
    data,
  );
}
