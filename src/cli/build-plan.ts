import type { ApiClient } from '../api/index.js';
import type { Region } from '../api/types.js';
import { ComparisonsAhead } from '../compare/ahead.js';
import { compareFleet } from '../compare/compare.js';
import { type DigestedFleet, loadDigestedFleet } from '../desired/index.js';
import { describeSelector, type LabelSelector, matchesSelector, parseSelectorFlags } from '../desired/labels.js';
import type { DesiredCluster } from '../desired/types.js';
import { PlanRefusedError, UsageError } from '../errors.js';
import { findNearAddress } from '../near-miss.js';
import { DecisionsAhead } from '../plan/ahead.js';
import { assemblePlan } from '../plan/assemble.js';
import type { Plan, PlanInputs } from '../plan/types.js';
import { judgePolicy } from '../policy/judge.js';
import { describeDenials, isDenied, PolicyDeniedError } from '../policy/report.js';
import type { CompiledPolicy } from '../policy/types.js';
import { parseRegions } from './args.js';
import { DEFAULT_ENDPOINT } from './connect.js';
import { nameBasedClusterId } from './ids.js';
import type { CliIo } from './io.js';
import { readLiveState, readRestoreBackups } from './live-state.js';
import { collectBeforeFetch, fitYoungGeneration } from './memory.js';

/** What a planning command was asked for: the flags every planning command shares. */
export interface PlanRequest {
  paths: string[];
  cwd: string;
  /** The endpoint template the live state is read from (flag, environment or default). */
  endpoint: string;
  regions: Region[] | undefined;
  targets: string[] | undefined;
  /** `--selector` flags together (all must match); undefined: not given. */
  selector?: LabelSelector | undefined;
  rotateCredentials: string[];
}

/** The flags every planning command shares (--region, --target, --rotate-credentials, --endpoint), as a PlanRequest. */
export function toPlanRequest(
  values: {
    region?: string[] | undefined;
    target?: string[] | undefined;
    selector?: string[] | undefined;
    'rotate-credentials'?: string[] | undefined;
    endpoint?: string | undefined;
  },
  positionals: string[],
  io: Pick<CliIo, 'cwd' | 'env'>,
): PlanRequest {
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    cwd: io.cwd,
    endpoint: values.endpoint ?? io.env.PGENSURE_ENDPOINT ?? DEFAULT_ENDPOINT,
    regions: parseRegions(values.region),
    targets: values.target,
    selector: parseSelectorFlags(values.selector),
    rotateCredentials: values['rotate-credentials'] ?? [],
  };
}

/** The documents a command works on (after --region/--target), and the fleet they came from. */
export interface SelectedDocuments {
  docs: DesiredCluster[];
  fleet: DigestedFleet;
}

/** Loads and filters the documents for a command; a --target that matches nothing is a usage error. */
export async function loadSelectedDocuments(request: PlanRequest): Promise<SelectedDocuments> {
  const fleet = await loadDigestedFleet(request.paths, { cwd: request.cwd, onListed: fitYoungGeneration });
  const { regions, targets } = request;
  for (const target of [...(targets ?? []), ...request.rotateCredentials]) {
    if (!fleet.clusters.some((doc) => doc.address === target)) {
      const addresses = fleet.clusters.map((doc) => doc.address);
      const near = findNearAddress(addresses, target);
      const guess = near === undefined ? '' : ` (did you mean "${near}"?)`;
      throw new UsageError(`no spec document has the address "${target}"${guess}`, {
        hint: 'an address is REGION/NAME, e.g. de-fra/orders-prod',
      });
    }
  }
  const docs = fleet.clusters.filter(
    (doc) => (!regions || regions.includes(doc.region)) && (!targets || targets.includes(doc.address)),
  );
  return { docs: selectByLabels(docs, request.selector), fleet };
}

/**
 * The documents whose labels match `--selector` (all of its labels); a selector that matches none is a usage error,
 * so a pipeline pointed at a misspelt label cannot stay green. Shared by every command that takes the flag.
 */
export function selectByLabels<T extends Pick<DesiredCluster, 'labels'>>(
  docs: readonly T[],
  selector: LabelSelector | undefined,
): T[] {
  if (selector === undefined) return [...docs];
  const selected = docs.filter((doc) => matchesSelector(doc.labels, selector));
  if (selected.length === 0) {
    throw new UsageError(`no cluster matches --selector ${describeSelector(selector)}`, {
      hint: 'labels are metadata.labels in the cluster files; run `pgensure show` to see each cluster with its labels',
    });
  }
  return selected;
}

/** Whether the request narrows the documents (then the plan lists no unmanaged clusters: it is deliberately partial). */
function isNarrowed(request: PlanRequest): boolean {
  return request.targets !== undefined || request.selector !== undefined;
}

/** The regions to read: the ones --region names, else every region a document lives in. */
export function regionsToScan(docs: readonly DesiredCluster[], regions: Region[] | undefined): Region[] {
  return regions ?? [...new Set(docs.map((doc) => doc.region))].sort();
}

/** What the plan records of its request, so `apply --plan` can make it again (product.md §6). */
export function describeInputs(request: PlanRequest, fleet: DigestedFleet): PlanInputs {
  return {
    paths: request.paths,
    endpoint: request.endpoint,
    regions: request.regions ?? null,
    targets: request.targets ?? null,
    ...(request.selector === undefined ? {} : { selector: { ...request.selector } }),
    rotateCredentials: request.rotateCredentials,
    files: fleet.files,
    specDigest: fleet.specDigest,
  };
}

/** read live → assemble: the plan, or a PlanRefusedError with every refusal at its file:line. */
export async function buildPlan(client: ApiClient, request: PlanRequest, selected: SelectedDocuments): Promise<Plan> {
  const { docs, fleet } = selected;
  const regions = regionsToScan(docs, request.regions);
  collectBeforeFetch(fleet.clusters.length);
  const rotateCredentials = new Set(request.rotateCredentials);
  const ahead = { comparisons: new ComparisonsAhead(docs), decisions: new DecisionsAhead(rotateCredentials) };
  const { live, catalogs } = await readLiveState(client, regions, { slim: true, ahead });
  const compared = compareFleet(docs, live, { listUnmanaged: !isNarrowed(request) }, ahead.comparisons);
  const backups = await readRestoreBackups(client, compared.comparisons);
  const { plan, issues } = assemblePlan({
    fleet: compared,
    regions,
    catalogs,
    backups,
    idFor: nameBasedClusterId,
    now: new Date().toISOString(),
    rotateCredentials,
    inputs: describeInputs(request, fleet),
    ahead: ahead.decisions,
  });
  if (issues.length > 0)
    throw new PlanRefusedError(issues, { hint: 'fix the spec files (or the policy) and plan again' });
  return fleet.policy === undefined ? plan : judgePlan(fleet.policy, docs, plan);
}

/**
 * The plan with its policy section (product.md §9): every rule on `cluster` for the documents planned, every rule
 * on `change` for each change. Here, where the plan is made, so `plan`, `apply` and `apply --plan` (which plans
 * again) all judge the same way. A denial refuses the plan before any request that writes.
 */
function judgePlan(policy: CompiledPolicy, docs: readonly DesiredCluster[], plan: Plan): Plan {
  const report = judgePolicy(policy, { clusters: docs, changes: plan.changes, nowMs: Date.now() });
  const judged = { ...plan, policy: report };
  if (isDenied(report)) throw new PolicyDeniedError(describeDenials(report), judged);
  return judged;
}
