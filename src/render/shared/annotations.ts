import { sanitizeInline } from './text.js';

/** Where an annotation points: a file and a 1-based line and column. */
export interface AnnotationPlace {
  file: string;
  line: number;
  col: number;
}

/**
 * A GitHub Actions workflow command (`::error file=…,line=…,col=…,title=…::message`). The one escaper for them:
 * user-controlled parts are made inert first (control characters spelled out; only the message may keep line
 * breaks, as %0A), then GitHub's escaping applies, so a file name cannot end the command, inject another, or move
 * the location (`,line=999` in a name is data).
 */
export function formatAnnotation(
  level: 'error' | 'warning' | 'notice',
  place: AnnotationPlace,
  message: string,
  title?: string,
): string {
  const props = [
    `file=${escapeProperty(place.file)}`,
    `line=${lineNumber(place.line)}`,
    `col=${lineNumber(place.col)}`,
    ...(title === undefined ? [] : [`title=${escapeProperty(title)}`]),
  ];
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}

/** Message data may span lines (GitHub decodes %0A); every other control character is spelled out. */
function escapeData(text: string): string {
  const lines = text.split(/\r?\n/).map(sanitizeInline).join('\n');
  return lines.replace(/%/g, '%25').replace(/\n/g, '%0A');
}

/** Properties (file, title) are one inert line: no line break, and `:`/`,` cannot end the property. */
function escapeProperty(text: string): string {
  return sanitizeInline(text).replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function lineNumber(n: number): string {
  return Number.isInteger(n) && n > 0 ? String(n) : '1';
}
