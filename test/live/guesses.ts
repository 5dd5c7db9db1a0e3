/**
 * Every behaviour the emulator had to guess (docs/emulator.md §13, issue 9) that the suite can probe, with the
 * emulator's answer in the same words the probes use for what they saw. Against the bundled emulator every
 * observation must equal its `emulator` value, so this table cannot drift from what the emulator does.
 */

/** One guess. */
export interface Guess {
  id: string;
  /** The assumption, in a sentence. */
  guess: string;
  /** What the emulator does, in the probe's words. */
  emulator: string;
  /** Where the guess is written down. */
  ref: string;
  /** Some servers cannot show it (too few clusters, no 429 seen): "not observed" is then no failure. */
  mayBeUnobserved?: true;
}

export const GUESSES: readonly Guess[] = [
  { id: 'put-create', guess: 'PUT on a new id creates the cluster', emulator: '201', ref: 'emulator.md §6.2' },
  {
    id: 'created-id',
    guess: 'the created cluster has the id pgensure chose',
    emulator: 'the planned id',
    ref: 'product.md §3',
  },
  {
    id: 'post-create',
    guess: 'POST /clusters creates (used only when PUT cannot)',
    emulator: 'not needed',
    ref: 'product.md §7',
  },
  { id: 'put-update', guess: 'PUT on an existing cluster answers 200', emulator: '200', ref: 'v2-contract §1' },
  { id: 'delete-answer', guess: 'DELETE answers 202', emulator: '202', ref: 'v2-contract §1.3' },
  {
    id: 'replan-after-create',
    guess: 'a plan right after apply shows no changes (reads return what was sent)',
    emulator: 'no changes',
    ref: 'issue 9',
  },
  {
    id: 'unknown-properties',
    guess: "GET returns no properties outside pgensure's schema",
    emulator: 'none',
    ref: 'issue 9, emulator.md §6.1',
  },
  {
    id: 'states-seen',
    guess: 'the states are PROVISIONING, AVAILABLE, UPDATING, DESTROYING (and FAILED)',
    emulator: 'PROVISIONING, AVAILABLE, UPDATING, DESTROYING',
    ref: 'emulator.md §6.5',
  },
  {
    id: 'put-while-busy',
    guess: 'PUT while PROVISIONING is refused with 409',
    emulator: '409',
    ref: 'emulator.md §13.2',
  },
  {
    id: 'delete-while-busy',
    guess: 'DELETE while DESTROYING is refused with 409',
    emulator: '409',
    ref: 'emulator.md §13.2',
  },
  {
    id: 'last-modified-after-put',
    guess: 'lastModifiedDate moves on an update',
    emulator: 'moves',
    ref: 'emulator.md §6.3',
  },
  {
    id: 'noop-put',
    guess: 'a PUT that changes nothing still goes through UPDATING',
    emulator: '200, UPDATING',
    ref: 'emulator.md §13.3',
  },
  {
    id: 'unknown-top-level-key',
    guess: 'an unknown top-level body key is refused with 422',
    emulator: '422',
    ref: 'emulator.md §13.11',
  },
  {
    id: 'description-omitted',
    guess: 'a PUT without description resets it to ""',
    emulator: 'reset to ""',
    ref: 'emulator.md §13.5',
  },
  {
    id: 'filter-name',
    guess: 'filter.name matches a substring, ignoring case',
    emulator: 'substring, case-insensitive',
    ref: 'emulator.md §13.6',
  },
  {
    id: 'credentials-echoed',
    guess: 'credentials are never in an answer',
    emulator: 'never',
    ref: 'emulator.md §6.1',
  },
  {
    id: 'max-limit',
    guess: 'limit 1..1000 is accepted, 1001 refused with 400',
    emulator: '1000: 200 echoing 1000; 1001: 400',
    ref: 'emulator.md §5',
  },
  { id: 'default-limit', guess: 'without limit the server pages by 100', emulator: '100', ref: 'v2-contract §1' },
  {
    id: 'page-cap',
    guess: 'limit=1000 returns 1000 items when that many exist (no silent cap)',
    emulator: 'no cap',
    ref: 'issue 9',
    mayBeUnobserved: true,
  },
  {
    id: 'links-next-past-end',
    guess: '_links.next is present even on the last page',
    emulator: 'present',
    ref: 'v2-contract §2.12',
  },
  { id: 'items-when-empty', guess: 'an empty list has items: []', emulator: 'present', ref: 'emulator.md §13.6' },
  {
    id: 'list-shape',
    guess: 'list id and type, item type',
    emulator: 'id=clusters type=collection item=cluster',
    ref: 'emulator.md §13.6',
  },
  { id: 'get-unknown-id', guess: 'GET of an unknown id answers 404', emulator: '404', ref: 'v2-contract §1' },
  { id: 'delete-unknown-id', guess: 'DELETE of an unknown id answers 404', emulator: '404', ref: 'v2-contract §1.3' },
  { id: 'invalid-id', guess: 'a path id that is not a UUID answers 400', emulator: '400', ref: 'emulator.md §13.1' },
  {
    id: 'wrong-method',
    guess: 'a wrong method on a known path answers 405 with Allow',
    emulator: '405 with Allow',
    ref: 'emulator.md §13.1',
  },
  {
    id: 'error-body',
    guess: 'errors are {httpStatus, messages: [{errorCode, message}]}',
    emulator: 'matches',
    ref: 'v2-contract §4',
  },
  {
    id: 'error-codes',
    guess: 'the errorCode values',
    emulator: '400 INVALID_ID, 404 NOT_FOUND, 405 METHOD_NOT_ALLOWED, 409 CLUSTER_BUSY, 422 UNKNOWN_FIELD',
    ref: 'emulator.md §13.1',
  },
  {
    id: 'backup-record',
    guess: 'a create makes one active backup record; it outlives the cluster, inactive',
    emulator: 'after create: 1 active; after delete: inactive',
    ref: 'emulator.md §13.9',
  },
  {
    id: 'identities',
    guess: 'createdBy and lastModifiedBy are e-mail addresses',
    emulator: 'e-mail',
    ref: 'emulator.md §13.7',
  },
  {
    id: 'dns-name',
    guess: 'dnsName is pg-<16 characters>.postgresql.<region>.ionos.com',
    emulator: 'matches',
    ref: 'emulator.md §13.7',
  },
  {
    id: 'resource-urn',
    guess: 'resourceURN is ionos:dbaas:psql:<region>:cluster:<id>',
    emulator: 'matches',
    ref: 'emulator.md §13.7',
  },
  {
    id: 'rate-limit-headers',
    guess: 'no RateLimit-* / X-RateLimit-* headers (Retry-After on 429 only)',
    emulator: 'none',
    ref: 'v2-contract §4',
  },
  {
    id: 'retry-after-format',
    guess: 'Retry-After is in seconds',
    emulator: 'seconds',
    ref: 'v2-contract §4',
    mayBeUnobserved: true,
  },
  {
    id: 'versions',
    guess: 'the versions and their status',
    emulator: '13 DEPRECATED, 14 SUPPORTED, 15 SUPPORTED, 16 RECOMMENDED, 17 SUPPORTED',
    ref: 'emulator.md §7',
  },
  {
    id: 'backup-locations',
    guess: "the region's backup locations",
    emulator: 'see emulator.md §7 for the region',
    ref: 'emulator.md §13.8',
  },
];

/** The emulator's backup locations per region (emulator.md §7), for the `backup-locations` guess. */
export const EMULATOR_LOCATIONS: Record<string, string> = {
  'de-txl': 'eu-central-3, eu-central-2, de',
  'de-fra': 'eu-central-3, eu-central-4, de',
  'fr-par': 'eu-central-3, eu-central-4',
  'es-vit': 'eu-central-3, eu-south-2',
  'gb-lhr': 'eu-central-3, eu-central-4',
  'gb-bhx': 'eu-central-3, eu-central-4',
  'us-las': 'eu-central-3, us-central-1',
  'us-mci': 'eu-central-3, us-central-1',
  'us-ewr': 'eu-central-3, us-central-1',
};

/** The guesses with the region-specific emulator values filled in. */
export function guessesFor(region: string): Guess[] {
  return GUESSES.map((g) => (g.id === 'backup-locations' ? { ...g, emulator: EMULATOR_LOCATIONS[region] ?? '?' } : g));
}
