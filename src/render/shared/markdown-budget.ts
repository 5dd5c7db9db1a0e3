/** One part of the comment: header and footer around items built lazily, so a cut also stops the work. */
export interface Section {
  header: string;
  footer: string;
  count: number;
  /** What an item is, singular and plural, for "N more ... not shown". */
  noun: readonly [string, string];
  items: () => Iterable<string>;
}

/** What fitted, in order; `cut` says where the first item that did not fit was. */
export interface Filled {
  pieces: string[];
  cut: { omitted: number; noun: readonly [string, string] } | null;
}

/**
 * Fills sections in order into `budget` characters and stops at the first item that does not fit, so the kept
 * part is always a prefix (later sections are the first to go). Lengths are summed as pieces are added: linear.
 * A cut section keeps its footer (closing tags, blank line); a section with no item that fits is left out whole.
 */
export function fillSections(sections: readonly Section[], budget: number): Filled {
  const pieces: string[] = [];
  let used = 0;
  for (const section of sections) {
    if (section.count === 0) continue;
    const start = pieces.length;
    const frame = section.header.length + section.footer.length;
    pieces.push(section.header);
    let included = 0;
    let stopped = false;
    for (const item of section.items()) {
      stopped = used + frame + item.length > budget;
      if (stopped) break;
      pieces.push(item);
      used += item.length;
      included += 1;
    }
    if (included === 0) {
      pieces.length = start;
      if (stopped) return { pieces, cut: { omitted: section.count, noun: section.noun } };
      continue;
    }
    pieces.push(section.footer);
    used += frame;
    if (stopped) return { pieces, cut: { omitted: section.count - included, noun: section.noun } };
  }
  return { pieces, cut: null };
}

/** A section of one item per value; a generator, so items past the cut are never rendered. */
export function listSection<T>(
  header: string,
  footer: string,
  noun: readonly [string, string],
  values: readonly T[],
  render: (value: T) => string,
): Section {
  return {
    header,
    footer,
    noun,
    count: values.length,
    items: function* () {
      for (const value of values) yield render(value);
    },
  };
}
