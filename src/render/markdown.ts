import type { Change, Plan } from '../plan/types.js';
import { fillSections, listSection, type Section } from './markdown-budget.js';
import {
  renderChangeDetails,
  renderDestructiveItem,
  renderNoopItem,
  renderTableRow,
  renderUnmanagedItem,
} from './markdown-change.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { DEFAULT_MARKDOWN_MAX_CHARS, type RenderOptions } from './options.js';
import { countNoun, summarizePlan } from './summary.js';

/** First line of every comment: CI finds the previous comment by it and edits it in place. */
export const MARKDOWN_MARKER = '<!-- pgensure-plan -->';

/** Unmanaged clusters are listed open up to this many; more are collapsed like the no-ops. */
const OPEN_UNMANAGED_MAX = 10;

/**
 * The pull-request comment: marker, summary, destructive warning and list, a table, details per cluster, no-ops and
 * unmanaged clusters collapsed. Never longer than `maxChars`: detail is dropped from the end, visibly.
 */
export function renderPlanMarkdown(plan: Plan, options: RenderOptions): string {
  const max = options.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS;
  const head = renderHead(plan);
  const footer = renderFooter(plan);
  const sections = buildSections(plan);
  const whole = fillSections(sections, max - head.length - footer.length);
  if (!whole.cut) return fitWithin(head + whole.pieces.join('') + footer, max);
  // Second pass with room for the notice and the cut line; both are bounded, so reserve their longest form.
  const notice = renderTruncationNotice(max, options.planArtifact);
  const reserve = Math.max(...sections.map((s) => renderCutLine(s.count, s.noun, options.planArtifact).length));
  const fitted = fillSections(sections, max - head.length - footer.length - notice.length - reserve);
  const cut = fitted.cut ? renderCutLine(fitted.cut.omitted, fitted.cut.noun, options.planArtifact) : '';
  return fitWithin(head + notice + fitted.pieces.join('') + cut + footer, max);
}

function renderHead(plan: Plan): string {
  const lines = [MARKDOWN_MARKER, `### ${escapeMarkdown(summarizePlan(plan))}`, ''];
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
  const unmanaged = plan.unmanaged;
  const unmanagedTitle = `${countNoun(unmanaged.length, 'cluster')} not managed by any file; pgensure never touches ${unmanaged.length === 1 ? 'it' : 'them'}`;
  const openAttr = unmanaged.length <= OPEN_UNMANAGED_MAX ? ' open' : '';
  return [
    listSection(
      '#### Destructive changes\n\n',
      '\n',
      ['destructive change', 'destructive changes'],
      destructive,
      renderDestructiveItem,
    ),
    listSection(
      '#### Changes\n\n| Cluster | Action | Risk |\n|---|---|---|\n',
      '\n',
      ['change in the table', 'changes in the table'],
      changed,
      renderTableRow,
    ),
    listSection(
      `<details${openAttr}><summary>${unmanagedTitle}</summary>\n\n`,
      '\n</details>\n\n',
      ['unmanaged cluster', 'unmanaged clusters'],
      unmanaged,
      renderUnmanagedItem,
    ),
    listSection('#### Details\n\n', '', ['change detail', 'change details'], changed, renderChangeDetails),
    listSection(
      `<details><summary>${countNoun(noops.length, 'unchanged cluster')}</summary>\n\n`,
      '\n</details>\n\n',
      ['unchanged cluster', 'unchanged clusters'],
      noops,
      renderNoopItem,
    ),
  ];
}

function isDestructive(change: Change): boolean {
  return change.action === 'delete' || change.action === 'replace';
}

function renderTruncationNotice(max: number, artifact: string | undefined): string {
  return `> **This comment was truncated** to stay under ${max} characters: sections at the end are left out. ${describeArtifact(artifact)}\n\n`;
}

function renderCutLine(omitted: number, noun: readonly [string, string], artifact: string | undefined): string {
  const what = `${omitted} more ${omitted === 1 ? `${noun[0]} is` : `${noun[1]} are`}`;
  return `_Truncated here: ${what} not shown, nor is anything after this point. ${describeArtifact(artifact)}_\n\n`;
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

/** Last resort for a cap smaller than the head itself: cut hard, never inside a surrogate pair. */
function fitWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}
