'use strict';
// The Teams peer of the write-path benchmark (issue 12): a Bot Framework for JS bot
// (CloudAdapter over ConfigurationBotFrameworkAuthentication with no app id, on Node's own
// http server) that answers personal-chat `declare …` messages with a reply sent to the
// activity's serviceUrl, storing nothing. It is what "declare → reply p99 ≤ 1.5× Bot Framework
// JS's" is measured against.
//
//   node bot.js --port 3200        (or PORT=3200)
//
// Bound to 127.0.0.1 only. Without an app id the adapter authenticates nothing and would post
// to any serviceUrl it is sent, so only loopback service URLs are accepted.
const http = require('node:http');
const {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
} = require('botbuilder');

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const port = Number.parseInt(option('--port', process.env.PORT ?? ''), 10);
if (!Number.isInteger(port) || port <= 0) {
  console.error('Usage: node bot.js --port PORT (or PORT=...)');
  process.exit(2);
}

const MaxBodyBytes = 256 * 1024;
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (_context, error) => {
  console.error(`botframework peer: turn failed: ${error.message}`);
};

class PeerBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = (context.activity.text ?? '').trim();
      const space = text.indexOf(' ');
      const verb = (space < 0 ? text : text.slice(0, space)).toLowerCase();
      const rest = space < 0 ? '' : text.slice(space + 1);
      await context.sendActivity(verb === 'declare'
        ? `Declared (peer, not stored): ${rest}`
        : `Received ${verb || 'help'} (peer, nothing stored).`);
      await next();
    });
  }
}
const bot = new PeerBot();

function isLoopback(serviceUrl) {
  try {
    const host = new URL(serviceUrl).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

// The adapter expects an Express/Restify-shaped response; these four calls are all it uses.
function responseFor(res) {
  let status = 200;
  return {
    socket: res.socket,
    status: (code) => { status = code; },
    header: (name, value) => res.setHeader(name, value),
    send: (body) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      if (typeof body !== 'string') res.setHeader('Content-Type', 'application/json');
      res.statusCode = status;
      res.write(text);
    },
    end: () => {
      res.statusCode = status;
      res.end();
    },
  };
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
    return;
  }
  if (req.url !== '/api/messages') {
    res.writeHead(404);
    res.end();
    return;
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MaxBodyBytes) {
      res.writeHead(413);
      res.end();
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (res.writableEnded) return;
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    if (!isLoopback(body?.serviceUrl)) {
      res.writeHead(400);
      res.end();
      return;
    }
    adapter
      .process({ body, headers: req.headers, method: req.method }, responseFor(res), (context) => bot.run(context))
      .catch((error) => {
        console.error(`botframework peer: ${error.message}`);
        if (!res.writableEnded) {
          res.statusCode = 500;
          res.end();
        }
      });
  });
});

server.listen(port, '127.0.0.1', () => console.log(`botframework peer listening on http://127.0.0.1:${port}`));

// The harness stops it with a signal; exit at once rather than wait for open sockets.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
