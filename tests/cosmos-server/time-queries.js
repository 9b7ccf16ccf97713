#!/usr/bin/env node
// Times the package's query engine alone (no HTTP) on a data set shaped like the trends bench's:
// per incident one incident, ten timeline events, one page, a clock for every third, plus one
// registry document. `node time-queries.js [plain|corrected] [incidents]` — "corrected" loads
// server.js's corrections first (it also starts a server on a free port, which is not used).
'use strict';

const path = require('path');

const [mode = 'corrected', count = '1000'] = process.argv.slice(2);
if (mode === 'corrected') {
  process.argv.splice(2, process.argv.length - 2, '--port', '0');
  require(path.join(__dirname, 'server.js'));
}
const parseQuery = require(path.join(__dirname, 'node_modules', '@zeit', 'cosmosdb-query')).default;

const workspace = 'T0TRENDSBENCH';
const incidents = parseInt(count, 10);
const documents = [];
const rid = () => String(documents.length + 1).padStart(10, '0');
for (let n = 1; n <= incidents; n += 1) {
  const at = new Date(Date.UTC(2025, 11, 1) + (n * 31536000000) / incidents).toISOString();
  documents.push({ id: `incident-${n}`, workspaceId: workspace, type: 'incident', number: n, source: 'userReport', severity: 'sev2', markets: ['IN'], languages: ['hi'], roles: { lead: 'U001' }, declaredAt: at, title: 'x'.repeat(80), description: 'y'.repeat(60), reportCount: 3, _rid: rid() });
  for (let e = 1; e <= 10; e += 1) {
    documents.push({ id: `evt-${n}-${e}`, workspaceId: workspace, type: 'timeline', incidentNumber: n, kind: e === 2 ? 'roleAssigned' : 'note', text: e === 2 ? 'lead' : 'z'.repeat(60), at, _rid: rid() });
  }
  documents.push({ id: `page-${n}`, workspaceId: workspace, type: 'page', incidentNumber: n, createdAt: at, acknowledgedBy: 'U001', targets: [{ user: 'U001', sentAt: at, isNight: false, isWeekend: true }], _rid: rid() });
  if (n % 3 === 0) documents.push({ id: `clock-${n}`, workspaceId: workspace, type: 'clock', incidentNumber: n, name: 'regulator-ack', recordedAt: at, _rid: rid() });
}
documents.push({ id: workspace, workspaceId: '_registry', type: 'workspace', _rid: rid() });

const from = [{ name: '@workspace', value: workspace }, { name: '@from', value: '2025-01-01' }];
const queries = {
  'registry lookup': ["SELECT * FROM c WHERE c.workspaceId = @w AND c.type = 'workspace'", [{ name: '@w', value: '_registry' }]],
  'lead assignments': ["SELECT c.incidentNumber, c.at FROM c WHERE c.workspaceId = @workspace AND c.type = 'timeline' AND c.kind = 'roleAssigned' AND c.text = 'lead' AND c.at >= @from", from],
  incidents: ["SELECT c.number, c.source, c.severity, c.markets, c.languages, c.roles, c.declaredAt FROM c WHERE c.workspaceId = @workspace AND c.type = 'incident' AND c.declaredAt >= @from", from],
};
console.log(`${mode}: ${documents.length} documents; median and max of 5 runs after one warm-up, first page of 1,000`);
for (const [name, [sql, parameters]] of Object.entries(queries)) {
  const query = parseQuery(sql);
  query.exec(documents, { parameters, maxItemCount: 1000 });
  const times = [];
  let rows = 0;
  for (let i = 0; i < 5; i += 1) {
    const started = process.hrtime.bigint();
    rows = query.exec(documents, { parameters, maxItemCount: 1000 }).result.length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: ${rows} rows, median ${times[2].toFixed(1)} ms, max ${times[4].toFixed(1)} ms`);
}
process.exit(0);
