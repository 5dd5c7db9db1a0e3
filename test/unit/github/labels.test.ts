import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planLabelChanges, syncPlanLabels } from '../../../src/github/labels.js';
import { readPlanFacts } from '../../../src/github/plan-facts.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/rest.js';
import { FakeGitHub, TOKEN } from './fake-github.js';
import { planJson } from './plans.js';

let gh: FakeGitHub;
let client: GitHubClient;

beforeEach(async () => {
  gh = await new FakeGitHub().start();
  client = createGitHubClient({ baseUrl: gh.url, token: TOKEN });
});
afterEach(() => gh.close());

const facts = (plan: unknown) => readPlanFacts(plan, 'plan.json');

describe('syncPlanLabels', () => {
  it('labels a plan that deletes a cluster destructive, creating the label in red', async () => {
    const pr = gh.addIssue({ pull_request: true, labels: ['bug'] });
    const plan = planJson([
      { action: 'delete', impact: 'destructive', reversible: false },
      { action: 'update', impact: 'online' },
    ]);
    await syncPlanLabels(client, { owner: 'o', repo: 'r', number: pr.number }, facts(plan));
    expect(pr.labels).toEqual(['bug', 'pgensure: destructive']);
    expect(gh.repoLabels.get('pgensure: destructive')).toMatchObject({ color: 'b60205' });
  });

  it('labels a replace destructive even where its impact says less (an older or odd plan)', async () => {
    const pr = gh.addIssue({ pull_request: true });
    const plan = planJson([{ action: 'replace', impact: 'downtime' }], 'downtime');
    await syncPlanLabels(client, { owner: 'o', repo: 'r', number: pr.number }, facts(plan));
    expect(pr.labels.sort()).toEqual(['pgensure: destructive', 'pgensure: downtime']);
  });

  it("replaces the previous push's impact label and leaves other labels alone", async () => {
    const pr = gh.addIssue({
      pull_request: true,
      labels: ['pgensure: online', 'needs-review', 'pgensure: destructive'],
    });
    gh.repoLabels.set('pgensure: online', { name: 'pgensure: online', color: '0e8a16', description: '' });
    const plan = planJson([
      { action: 'update', impact: 'switchover' },
      { action: 'update', impact: 'downtime', reversible: false },
    ]);
    const changes = await syncPlanLabels(client, { owner: 'o', repo: 'r', number: pr.number }, facts(plan));
    expect(changes).toEqual({ add: ['pgensure: downtime'], remove: ['pgensure: online', 'pgensure: destructive'] });
    expect(pr.labels).toEqual(['needs-review', 'pgensure: downtime']);
    const deletes = gh
      .writes()
      .filter((r) => r.method === 'DELETE')
      .map((r) => r.path);
    expect(deletes).toEqual([
      `/repos/o/r/issues/${pr.number}/labels/pgensure%3A%20online`,
      `/repos/o/r/issues/${pr.number}/labels/pgensure%3A%20destructive`,
    ]);
  });

  it('writes nothing when the pull request already carries exactly the right label', async () => {
    const pr = gh.addIssue({ pull_request: true, labels: ['pgensure: none'] });
    await syncPlanLabels(client, { owner: 'o', repo: 'r', number: pr.number }, facts(planJson([])));
    expect(gh.writes()).toEqual([]);
  });

  it('keeps a label a person already made, with their colour', async () => {
    const pr = gh.addIssue({ pull_request: true });
    gh.repoLabels.set('pgensure: online', { name: 'pgensure: online', color: '123456', description: 'ours' });
    await syncPlanLabels(
      client,
      { owner: 'o', repo: 'r', number: pr.number },
      facts(planJson([{ action: 'create', impact: 'online' }])),
    );
    expect(gh.repoLabels.get('pgensure: online')).toMatchObject({ color: '123456' });
    expect(gh.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /repos/o/r/issues/${pr.number}/labels`]);
  });
});

describe('planLabelChanges', () => {
  it('takes the worst impact from the changes when the plan has no top-level impact', () => {
    const plan: Record<string, unknown> = planJson([{ action: 'update', impact: 'switchover' }]);
    delete plan.impact;
    expect(planLabelChanges([], facts(plan))).toEqual({ add: ['pgensure: switchover'], remove: [] });
  });

  it('adds no impact label for a plan without impacts (written before plans had them), but still the destructive one', () => {
    const plan = { summary: { create: 0, update: 1, replace: 0, delete: 1, noop: 0 }, changes: [{ action: 'update' }] };
    expect(planLabelChanges(['pgensure: online'], facts(plan))).toEqual({
      add: ['pgensure: destructive'],
      remove: ['pgensure: online'],
    });
  });
});
