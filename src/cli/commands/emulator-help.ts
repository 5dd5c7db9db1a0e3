/** The text of `pgensure emulator --help`: every flag, the subcommands, and the admin API with a curl example. */
import { ADMIN_ROUTES } from '../../emulator/admin-doc.js';

const SERVE = `Usage: pgensure emulator [flags]
       pgensure emulator <edit|seed|fail|hold|release|delete|backup|list> ... (console actions, see below)

Runs the bundled IONOS DBaaS PostgreSQL v2 API emulator on loopback, serving all nine regions under /{region}.
It prints PGENSURE_ENDPOINT, PGENSURE_EMULATOR_URL and PGENSURE_EMULATOR_ADMIN_TOKEN lines on stdout; point
pgensure at it with PGENSURE_ENDPOINT=http://127.0.0.1:PORT/{region} (any IONOS_TOKEN works unless --token).
Behaviour, and every guess about the real API: docs/emulator.md.

Server:
  --port N                      port (default 8484; 0 picks a free one)
  --host ADDRESS                loopback address to bind (default 127.0.0.1)
  --state FILE                  keep clusters in FILE (JSON, mode 0600) across restarts; its directory must exist
  --token TOKEN                 accept only this Bearer token on the API (default: any non-empty Bearer token)
  --admin-token TOKEN           the admin API's token (default: $PGENSURE_EMULATOR_ADMIN_TOKEN, else random)
  --provisioning-delay DUR      how long PROVISIONING/UPDATING/DESTROYING last (default 1500ms)
  --log-requests                one line per API request on stderr: method, path, status, ms (no headers, no bodies)
  --request-log-limit N         recent requests kept for GET /_emulator/requests (default 10000)

Faults (also at run time: PUT /_emulator/faults):
  --latency DUR                 added to every API response
  --latency-for 'METHOD[ PATH]=DUR'
                                more latency for matching requests, repeatable; PATH is after the region,
                                {id} matches one segment: 'GET /clusters=200ms' (lists), 'GET /clusters/{id}=0',
                                'PUT=1s'
  --rate-limit RPS              per-region token bucket; over it: 429 with Retry-After
  --retry-after SECONDS         fixed Retry-After for rate-limited answers (needs --rate-limit)
  --error-ratio R               fraction (0..1) of API requests answered with a 5xx
  --error-status 500|502|503|504
                                which 5xx (default 503)

The real API's unknowns, each way (also at run time: PUT /_emulator/behaviour):
  --put-create on|off           off: a PUT on an unknown id creates nothing (POST still does) (default on)
  --put-create-status 404|405   what such a PUT answers (default 404)
  --max-page-size N             the server serves at most N items per page
  --silent-cap                  ...and still echoes the asked limit in the list envelope
  --max-limit N                 a larger ?limit= answers 400 (default 1000)
  --extra-property KEY=JSON     a property pgensure does not know, on every cluster, with this default (repeatable)
  --delete-while-busy refuse|accept
                                DELETE on a busy cluster: 409, or DESTROYING at once (default refuse)
  --reuse-deleted-ids allow|refuse
                                a PUT on a deleted cluster's id: creates it again, or 409 (default allow)
  --backup-latest-lag DUR       an active backup's latestRecoveryTargetTime is now minus DUR (default: null = now)
  --first-backup-delay DUR      a new cluster's first backup appears DUR after it is AVAILABLE (default 0)
`;

const CONSOLE = `
Console actions on a running emulator (ADDRESS is REGION/NAME or REGION/ID):
  pgensure emulator edit ADDRESS KEY=VALUE... [--by IDENTITY]        e.g. instances.cores=8 description="x"
  pgensure emulator seed REGION/NAME [KEY=VALUE...] [--id UUID] [--state STATE] [--by IDENTITY]
  pgensure emulator fail ADDRESS --message TEXT [--recover-after DUR]
  pgensure emulator hold ADDRESS [--state STATE] [--for DUR] [--message TEXT]   (default UPDATING, until release)
  pgensure emulator release ADDRESS
  pgensure emulator delete ADDRESS [--by IDENTITY]
  pgensure emulator backup ADDRESS --stall DUR | --remove | --resume     (--stall 3h: newest recovery point 3 h old)
  pgensure emulator list [--region R]
  KEY=VALUE takes the type of the current value (a number stays a number); KEY:=JSON sets raw JSON (null resets).
  edit, fail, hold, release and delete also take --after DUR, or --on-request 'METHOD[ PATH]' [--nth N]
  [--when before|after] (PATH defaults to this cluster's /clusters/ID): the action runs then, not now.
  Common: --url URL (default $PGENSURE_EMULATOR_URL, else http://127.0.0.1:8484),
          --admin-token TOKEN (default $PGENSURE_EMULATOR_ADMIN_TOKEN), --format text|json.

Admin API (send the admin token in the x-emulator-token header; bodies are application/json; loopback only):
`;

const EXAMPLE = `
  curl -s -H "x-emulator-token: $PGENSURE_EMULATOR_ADMIN_TOKEN" -H 'content-type: application/json' \\
       -d '{"properties": {"instances": {"cores": 8}}, "by": "alice@example.com"}' \\
       "$PGENSURE_EMULATOR_URL/_emulator/de-fra/clusters/$ID/edit"
`;

/** `pgensure emulator --help`. */
export const EMULATOR_HELP = `${SERVE}${CONSOLE}${ADMIN_ROUTES.map((route) => `  ${route}\n`).join('')}${EXAMPLE}`;
