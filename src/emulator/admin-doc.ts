/** The admin API's routes in one line each: served by GET /_emulator/ and printed by `pgensure emulator --help`. */

/** Every admin route: method, path, what it does (docs/emulator.md §12 has the bodies and answers). */
export const ADMIN_ROUTES: readonly string[] = [
  'GET    /_emulator/requests                        recorded API requests (a ring of the most recent)',
  'DELETE /_emulator/requests                        clear them',
  'GET    /_emulator/faults | PUT (FaultConfig)      faults; PUT replaces the whole configuration',
  'GET    /_emulator/stats                           fault counters',
  'GET    /_emulator/behaviour | PUT (partial)       behaviour settings (the guesses); PUT changes the keys given',
  'GET    /_emulator/clusters[?region=R]             clusters as GET shows them',
  'GET    /_emulator/backups[?region=R]              backups as GET /backups shows them',
  'POST   /_emulator/{region}/clusters               seed {properties, id?, by?, state?, hold?}',
  'POST   /_emulator/{region}/clusters/{id}/edit     console edit {properties: deep-partial, by?}',
  'POST   /_emulator/{region}/clusters/{id}/fail     {message, recoverAfterMs?}',
  'POST   /_emulator/{region}/clusters/{id}/hold     {state?, forMs?, statusMessage?}',
  'POST   /_emulator/{region}/clusters/{id}/release  end a hold',
  'POST   /_emulator/{region}/clusters/{id}/delete   console delete {by?}',
  'POST   /_emulator/{region}/clusters/{id}/backup/{stall|remove|resume}   stall: {agoMs}',
  'GET    /_emulator/schedules | POST | DELETE       console actions at a chosen moment {region, id, action, trigger}',
  'DELETE /_emulator/schedules/{scheduleId}          cancel one',
];
