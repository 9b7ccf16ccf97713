'use strict';
// The Slack peer of the write-path benchmark (issue 12): Bolt for JS with its HTTP receiver,
// verifying every request's signature, acking `/incident` slash commands with an ephemeral
// text and storing nothing. It is what "ack p99 ≤ 1.5× Bolt's" is measured against.
//
//   node app.js --port 3100        (or PORT=3100; SLACK_SIGNING_SECRET is required)
//
// Bound to 127.0.0.1 only. GET /healthz answers "ok" so the harness knows it is ready.
const { App, LogLevel } = require('@slack/bolt');

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const port = Number.parseInt(option('--port', process.env.PORT ?? ''), 10);
const signingSecret = process.env.SLACK_SIGNING_SECRET;
if (!Number.isInteger(port) || port <= 0 || !signingSecret) {
  console.error('Usage: SLACK_SIGNING_SECRET=... node app.js --port PORT (or PORT=...)');
  process.exit(2);
}

const app = new App({
  signingSecret,
  // Never used to call Slack: the ack goes in the HTTP response. botId/botUserId stop Bolt from
  // calling auth.test; the API URL is loopback so a stray call cannot leave the machine.
  token: 'xoxb-peer-bolt',
  botId: 'BPEERBOLT',
  botUserId: 'UPEERBOLT',
  tokenVerificationEnabled: false,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? 'http://127.0.0.1:9/api/' },
  endpoints: ['/slack/commands'],
  logLevel: LogLevel.ERROR,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
      },
    },
  ],
});

// The same subcommands the load harness sends; the answer is text only, nothing is kept.
app.command('/incident', async ({ command, ack }) => {
  const text = command.text.trim();
  const space = text.indexOf(' ');
  const verb = (space < 0 ? text : text.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : text.slice(space + 1);
  const answer = verb === 'declare'
    ? `Declared (peer, not stored): ${rest}`
    : `Received ${verb || 'help'} (peer, nothing stored).`;
  await ack({ response_type: 'ephemeral', text: answer });
});

app.error(async (error) => {
  console.error(`bolt peer: ${error.code ?? error.name}: ${error.message}`);
});

(async () => {
  await app.start({ port, host: '127.0.0.1' });
  console.log(`bolt peer listening on http://127.0.0.1:${port}`);
})();

// The harness stops it with a signal; exit at once rather than wait for open sockets.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
