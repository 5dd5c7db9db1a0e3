import { ApiError } from '../errors.js';
import { type IssueRef, type RepoRef, repoPath } from './comment.js';
import { IMPACTS, type Impact, type PlanFacts } from './plan-facts.js';
import type { GitHubClient } from './rest.js';

/** The label for a worst impact: `pgensure: none` … `pgensure: destructive`. */
export function impactLabel(impact: Impact): string {
  return `pgensure: ${impact}`;
}

/** Put on a pull request whose plan deletes or replaces a cluster (the same name as the `destructive` impact). */
export const DESTRUCTIVE_LABEL = impactLabel('destructive');

/** Colours and descriptions for labels pgensure creates; a label that already exists is left as its owners made it. */
const LOOKS: Record<Impact, { color: string; description: string }> = {
  none: { color: 'c2e0c6', description: 'pgensure plan: no effect on running databases' },
  online: { color: '0e8a16', description: 'pgensure plan: applied while the databases serve' },
  switchover: { color: 'fbca04', description: 'pgensure plan: open connections are dropped once' },
  downtime: { color: 'd93f0b', description: 'pgensure plan: a database is unavailable for a while' },
  destructive: { color: 'b60205', description: 'pgensure plan: deletes or replaces a cluster (data is lost)' },
};

/** Which pgensure labels to add and remove so the pull request carries exactly the plan's (pure). */
export function planLabelChanges(current: readonly string[], facts: PlanFacts): { add: string[]; remove: string[] } {
  const wanted = new Set<string>();
  if (facts.impact !== undefined) wanted.add(impactLabel(facts.impact));
  if (facts.destructive) wanted.add(DESTRUCTIVE_LABEL);
  const managed = new Set(IMPACTS.map(impactLabel));
  return {
    add: [...wanted].filter((label) => !current.includes(label)),
    remove: current.filter((label) => managed.has(label) && !wanted.has(label)),
  };
}

/** Sets the plan's labels on a pull request: one per worst impact (a stale one is removed), plus destructive. */
export async function syncPlanLabels(
  client: GitHubClient,
  ref: IssueRef,
  facts: PlanFacts,
): Promise<{ add: string[]; remove: string[] }> {
  const issue = `${repoPath(ref)}/issues/${ref.number}`;
  const current = (await client.paginate<{ name: string }>(`${issue}/labels`)).map((label) => label.name);
  const changes = planLabelChanges(current, facts);
  for (const name of changes.add) await ensureLabel(client, ref, name);
  if (changes.add.length > 0) await client.request('POST', `${issue}/labels`, { labels: changes.add });
  for (const name of changes.remove) {
    await ignoreStatus(404, () => client.request('DELETE', `${issue}/labels/${encodeURIComponent(name)}`));
  }
  return changes;
}

/** Creates a missing label with pgensure's colour (adding an unknown label would make a grey one). */
async function ensureLabel(client: GitHubClient, ref: RepoRef, name: string): Promise<void> {
  const path = `${repoPath(ref)}/labels`;
  const exists = await ignoreStatus(404, () => client.request('GET', `${path}/${encodeURIComponent(name)}`));
  if (exists !== undefined) return;
  const impact = IMPACTS.find((level) => impactLabel(level) === name) ?? 'none';
  // 422: another job created it a moment ago.
  await ignoreStatus(422, () => client.request('POST', path, { name, ...LOOKS[impact] }));
}

/** Runs `call`; an ApiError with `status` becomes undefined (the state we wanted already holds). */
export async function ignoreStatus<T>(status: number, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.status === status) return undefined;
    throw error;
  }
}
