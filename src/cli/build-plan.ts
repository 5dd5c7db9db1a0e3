import type { ApiClient } from '../api/index.js';
import type { Region } from '../api/types.js';
import { loadDesiredClusters } from '../desired/index.js';
import type { DesiredCluster } from '../desired/types.js';
import { PlanRefusedError, UsageError } from '../errors.js';
import { assemblePlan } from '../plan/assemble.js';
import type { Plan } from '../plan/types.js';
import { parseRegions } from './args.js';
import { readLiveState } from './live-state.js';

export interface PlanRequest {
  paths: string[];
  cwd: string;
  regions: Region[] | undefined;
  targets: string[] | undefined;
  rotateCredentials: string[];
}

/** The flags every planning command shares (--region, --target, --rotate-credentials), as a PlanRequest. */
export function toPlanRequest(
  values: { region?: string[] | undefined; target?: string[] | undefined; 'rotate-credentials'?: string[] | undefined },
  positionals: string[],
  cwd: string,
): PlanRequest {
  return {
    paths: positionals,
    cwd,
    regions: parseRegions(values.region),
    targets: values.target,
    rotateCredentials: values['rotate-credentials'] ?? [],
  };
}

/** Loads and filters the documents for a command; a --target that matches nothing is a usage error. */
export async function loadSelectedDocuments(request: PlanRequest): Promise<DesiredCluster[]> {
  const all = await loadDesiredClusters(request.paths.length > 0 ? request.paths : ['.'], { cwd: request.cwd });
  const regions = request.regions;
  const targets = request.targets;
  for (const target of [...(targets ?? []), ...request.rotateCredentials]) {
    if (!all.some((doc) => doc.address === target)) {
      throw new UsageError(`no spec document has the address "${target}"`, {
        hint: 'an address is REGION/NAME, e.g. de-fra/orders-prod',
      });
    }
  }
  return all.filter((doc) => (!regions || regions.includes(doc.region)) && (!targets || targets.includes(doc.address)));
}

/** The regions to read: the ones --region names, else every region a document lives in. */
export function regionsToScan(docs: readonly DesiredCluster[], regions: Region[] | undefined): Region[] {
  return regions ?? [...new Set(docs.map((doc) => doc.region))].sort();
}

/** validate → read live → assemble: the plan, or a PlanRefusedError with every refusal at its file:line. */
export async function buildPlan(client: ApiClient, request: PlanRequest, docs: DesiredCluster[]): Promise<Plan> {
  const regions = regionsToScan(docs, request.regions);
  const state = await readLiveState(client, regions, docs);
  const { plan, issues } = assemblePlan({
    desired: docs,
    ...state,
    newId: () => crypto.randomUUID(),
    now: new Date().toISOString(),
    rotateCredentials: new Set(request.rotateCredentials),
    listUnmanaged: request.targets === undefined,
  });
  if (issues.length > 0)
    throw new PlanRefusedError(issues, { hint: 'fix the spec files (or the policy) and plan again' });
  return plan;
}
