import { hasChanges } from '../../plan/order.js';
import type { Change, Plan } from '../../plan/types.js';
import { renderCapped } from '../shared/capped.js';
import { listSection, type Section } from '../shared/markdown-budget.js';
import { codeSpan, escapeMarkdown } from '../shared/markdown-escape.js';
import { DEFAULT_MARKDOWN_MAX_CHARS, type RenderOptions } from '../shared/options.js';
import { countNoun } from '../shared/text.js';
import {
  renderChangeDetails,
  renderDestructiveItem,
  renderNoopItem,
  renderTableRow,
  renderUnmanagedItem,
} from './markdown-change.js';
import { renderPolicyMarkdown } from './policy-markdown.js';
import { describeImpactMeaning, summarizeCounts } from './summary.js';

/** First line of every comment: CI finds the previous comment by it and edits it in place. */
export const MARKDOWN_MARKER = '<!-- pgensure-plan -->';

/** Unmanaged clusters are listed open up to this many; more are collapsed like the no-ops. */
const OPEN_UNMANAGED_MAX = 10;
/** Up to this many changes, every field change is shown without a click (product.md §8). */
const OPEN_DETAILS_MAX = 20;

/**
 * The pull-request comment: marker, summary with the worst impact, destructive warning and list, a table with an
 * Impact column, every change's fields, no-ops and unmanaged clusters collapsed. Never longer than `maxChars`:
 * detail is dropped from the end, visibly.
 */
export function renderPlanMarkdown(plan: Plan, options: RenderOptions): string {
  return renderCapped({
    head: renderHead(plan),
    sections: buildSections(plan),
    footer: renderFooter(plan),
    max: options.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS,
    what: 'comment',
    whereIsAll: describeArtifact(options.planArtifact),
  });
}

function renderHead(plan: Plan): string {
  const counts = escapeMarkdown(summarizeCounts(plan));
  const worst = hasChanges(plan.summary) ? ` Worst impact: **${plan.impact}** (${describeImpactMeaning(plan)}).` : '';
  const lines = [MARKDOWN_MARKER, `### ${counts}${worst}`, ''];
  const deletes = plan.summary.delete;
  const replaces = plan.summary.replace;
  if (deletes + replaces > 0) {
    const what = [
      deletes > 0 ? `deletes ${countNoun(deletes, 'cluster')}` : '',
      replaces > 0 ? `replaces ${countNoun(replaces, 'cluster')} (deleted, then created)` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    lines.push(
      `> **Warning: destructive changes.** This plan ${what}; ${deletes + replaces === 1 ? 'its' : 'their'} data is lost unless restored from a backup.`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

function buildSections(plan: Plan): Section[] {
  const changed = plan.changes.filter((change) => change.action !== 'noop');
  const destructive = changed.filter(isDestructive);
  const noops = plan.changes.filter((change) => change.action === 'noop');
  const open = changed.length <= OPEN_DETAILS_MAX;
  // Policy first: a denial decides the pull request before any field does.
  return [
    ...(plan.policy === undefined
      ? []
      : [listSection('', '', ['policy section', 'policy sections'], [plan.policy], renderPolicyMarkdown)]),
    listSection(
      '#### Destructive changes\n\n',
      '\n',
      ['destructive change', 'destructive changes'],
      destructive,
      renderDestructiveItem,
    ),
    listSection(
      '#### Changes\n\n| Cluster | Action | Impact |\n|---|---|---|\n',
      '\n',
      ['change in the table', 'changes in the table'],
      changed,
      renderTableRow,
    ),
    unmanagedSection(plan.unmanaged),
    listSection('#### Details\n\n', '', ['change detail', 'change details'], changed, (change) =>
      renderChangeDetails(change, open),
    ),
    listSection(
      `<details><summary>${countNoun(noops.length, 'unchanged cluster')}</summary>\n\n`,
      '\n</details>\n\n',
      ['unchanged cluster', 'unchanged clusters'],
      noops,
      renderNoopItem,
    ),
  ];
}

/** The live clusters no file manages, in a block that starts open while the list is short. */
function unmanagedSection(unmanaged: Plan['unmanaged']): Section {
  const title = `${countNoun(unmanaged.length, 'cluster')} not managed by any file; pgensure never touches ${unmanaged.length === 1 ? 'it' : 'them'}`;
  const openAttr = unmanaged.length <= OPEN_UNMANAGED_MAX ? ' open' : '';
  return listSection(
    `<details${openAttr}><summary>${title}</summary>\n\n`,
    '\n</details>\n\n',
    ['unmanaged cluster', 'unmanaged clusters'],
    unmanaged,
    renderUnmanagedItem,
  );
}

function isDestructive(change: Change): boolean {
  return change.action === 'delete' || change.action === 'replace';
}

function describeArtifact(artifact: string | undefined): string {
  if (artifact === undefined || artifact === '')
    return 'The full plan is in the JSON plan artefact (`pgensure plan --out FILE`).';
  const where = /^https?:\/\/[^\s<>]+$/.test(artifact) ? `<${artifact}>` : codeSpan(artifact);
  return `The full plan is in the JSON artefact ${where}.`;
}

function renderFooter(plan: Plan): string {
  const regions = plan.regions.length > 0 ? plan.regions.join(', ') : 'none';
  return `<sub>pgensure plan format ${plan.formatVersion} · regions read: ${escapeMarkdown(regions)} · ${escapeMarkdown(plan.createdAt)}</sub>\n`;
}
