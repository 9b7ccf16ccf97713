#!/usr/bin/env node
// Starts the Cosmos DB protocol server of @vercel/cosmosdb-server for IncidentBot's tests, with
// corrections where it differs from Azure Cosmos DB in ways the bot relies on, so the production
// store needs no special case for it:
//   1. a transactional batch is atomic: when one operation fails, the ones before it are undone
//      (the package applies them one by one and keeps what succeeded);
//   2. ETags are quoted, as Azure's are;
//   3. a point read of a missing document answers 404 (the package answers 500 unless the
//      request carries a cross-partition header), and so does a write to a container that is gone;
//   5. a single-partition query page says it needs no client-side distribution, so the .NET SDK
//      asks for the next page with the continuation instead of wanting a query plan;
//   6. ORDER BY a, b DESC-DESC is served by the composite index (a ASC, b ASC), and the reverse;
//   7. COUNT over a FROM subquery (SELECT VALUE COUNT(1) FROM (SELECT TOP n ...) AS s) works;
//   8. a query takes time linear in the container's documents, not quadratic.
// It serves plain HTTP with keep-alive on 127.0.0.1; the tests put a TLS bridge in front of it
// that also speaks the .NET SDK's binary batch format (CosmosTestServer in the test projects).
'use strict';

const path = require('path');

const lib = path.join(__dirname, 'node_modules', '@vercel', 'cosmosdb-server', 'lib');
const load = (relative) => require(path.join(lib, relative));
// The package's query engine, the same module instances the package itself loads.
const loadQuery = (relative) => require(path.join(__dirname, 'node_modules', '@zeit', 'cosmosdb-query', 'lib', relative));

const operations = load('handler/_document-operations');
const batchHandler = load('handler/batch-documents');
const readDocumentHandler = load('handler/read-document');
const readJson = load('json').default;
const { parsePartitionKey } = load('utils/get-partition-from-header');
const Items = load('account/items').default;

// 2. Quoted ETags: every stored resource passes through Items#_set with a fresh bare UUID.
const setItem = Items.prototype._set;
Items.prototype._set = function setQuoted(data) {
  if (typeof data._etag === 'string' && !data._etag.startsWith('"')) {
    data._etag = `"${data._etag}"`;
  }
  return setItem.call(this, data);
};

// 3. A missing document is 404, whatever partition key header came with the read.
const readDocument = readDocumentHandler.default;
readDocumentHandler.default = (account, req, res, params) => {
  req.headers['x-ms-documentdb-query-enablecrosspartition'] = 'true';
  return readDocument(account, req, res, params);
};

// 4. Writing to a container that is gone (the server restarted empty) is 404, as on Azure; the
// package answers some of these with 500.
for (const name of ['create-document', 'replace-document', 'delete-document']) {
  const handler = load(`handler/${name}`);
  const original = handler.default;
  handler.default = (account, req, res, params) => {
    if (!account.database(params.dbId).collection(params.collId).read()) {
      res.statusCode = 404;
      return { code: 'NotFound', message: 'The collection does not exist.' };
    }
    return original(account, req, res, params);
  };
}

// 5. Azure answers every page of a query it ran whole in one partition with
// x-ms-cosmos-query-requiresdistribution: false. Without it the SDK's optimistic direct execution
// assumes the query needs a plan, and a second page (past 1,000 results) fails on the gateway
// query plan this server does not serve.
const queryDocumentsHandler = load('handler/query-documents');
const queryDocuments = queryDocumentsHandler.default;
queryDocumentsHandler.default = (account, req, res, params) => {
  if (req.headers['x-ms-documentdb-partitionkey']) {
    res.setHeader('x-ms-cosmos-query-requiresdistribution', 'false');
  }
  return queryDocuments(account, req, res, params);
};

// 6. A composite index serves its exact reverse too (Azure: "(a ASC, b ASC)" serves
// "ORDER BY a DESC, b DESC"); the package insists on the exact directions.
const queryHelpers = loadQuery('helpers');
const sortRows = queryHelpers.sort;
const reversed = (order) => (order === 'descending' ? 'ascending' : 'descending');
queryHelpers.sort = (collection, getRid, compositeIndexes, ...orders) => {
  const indexes = (compositeIndexes || []).flatMap((index) => [
    index,
    index.map((part) => ({ ...part, order: reversed(part.order || 'ascending') })),
  ]);
  return sortRows(collection, getRid, compositeIndexes ? indexes : compositeIndexes, ...orders);
};

// 7. COUNT of a TOP subquery: the package's parser has no subqueries in FROM, so this one shape
// runs the inner query whole and counts its rows. Every other query goes to the package as is.
const queryModule = loadQuery('index');
const parseQuery = queryModule.default;
const countOfSubquery = /^\s*SELECT\s+VALUE\s+COUNT\(1\)\s+FROM\s+\((SELECT\s[\s\S]*)\)\s*(?:AS\s+)?[A-Za-z_]\w*\s*$/i;
queryModule.default = (text) => {
  const match = countOfSubquery.exec(text);
  if (!match) return parseQuery(text);
  const inner = parseQuery(match[1]);
  return {
    containsPartitionKeys: (paths) => inner.containsPartitionKeys(paths),
    exec: (rows, options = {}) => ({
      result: [inner.exec(rows, { ...options, maxItemCount: undefined, continuation: undefined }).result.length],
      continuation: null,
    }),
  };
};

// 8. Queries take time linear in the documents. The package compiles FROM into
// reduce(($, c) => [...$, { c }], []), which copies the accumulator for every document: quadratic
// in the container (12,300 documents took seconds a query and hundreds of MB of garbage). The
// accumulator is a fresh array, so appending in place is the same result. Likewise its
// stripUndefined copies the result list once per row.
const transformerModule = loadQuery('transformer');
const transform = transformerModule.default;
const isAccumulator = (node) => node && node.type === 'Identifier' && node.name === '$';
const appendsToAccumulator = (node) => node && node.type === 'ArrayExpression'
  && node.elements.length > 0 && node.elements[0].type === 'SpreadElement' && isAccumulator(node.elements[0].argument);
const appendInPlace = (node) => ({
  type: 'SequenceExpression',
  expressions: [
    {
      type: 'CallExpression',
      callee: { type: 'MemberExpression', object: { type: 'Identifier', name: '$' }, property: { type: 'Identifier', name: 'push' }, computed: false },
      arguments: node.elements.slice(1),
    },
    { type: 'Identifier', name: '$' },
  ],
});
function linearReduces(node) {
  if (Array.isArray(node)) {
    node.forEach(linearReduces);
    return node;
  }
  if (!node || typeof node !== 'object') return node;
  const [step, initial] = node.type === 'CallExpression' ? node.arguments : [];
  if (node.callee && node.callee.property && node.callee.property.name === 'reduce'
    && initial && initial.type === 'ArrayExpression' && initial.elements.length === 0
    && step && step.type === 'ArrowFunctionExpression' && isAccumulator(step.params[0])) {
    if (appendsToAccumulator(step.body)) step.body = appendInPlace(step.body);
    else if (step.body.type === 'ConditionalExpression' && appendsToAccumulator(step.body.consequent)) {
      step.body.consequent = appendInPlace(step.body.consequent);
    }
  }
  for (const key of Object.keys(node)) {
    if (key !== 'type') linearReduces(node[key]);
  }
  return node;
}
transformerModule.default = (sqlAst) => linearReduces(transform(sqlAst));
queryHelpers.stripUndefined = function stripUndefined(value) {
  if (Array.isArray(value)) {
    const kept = [];
    for (const item of value) {
      if (typeof item !== 'undefined') kept.push(stripUndefined(item));
    }
    return kept;
  }
  if (value && typeof value === 'object') {
    const kept = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'undefined') kept[key] = stripUndefined(item);
    }
    return kept;
  }
  return value;
};

// 1. Atomic batches. The handler runs synchronously once the body is read, so no other request
// interleaves; each applied operation records what it replaced, and a failure restores it.
const apply = {
  Create: operations.createOperation,
  Upsert: operations.upsertOperation,
  Replace: operations.replaceOperation,
  Delete: operations.deleteOperation,
  Read: operations.readOperation,
};

function partitionOf(collection, input, id) {
  if (input.resourceBody) return collection.documents._getPartition(input.resourceBody);
  return parsePartitionKey(input.partitionKey, id);
}

batchHandler.default = async (account, req, res, { dbId, collId }) => {
  const body = await readJson(req);
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) {
    res.statusCode = 404;
    return { code: 'NotFound', message: 'The collection does not exist.' };
  }
  if (!Array.isArray(body)) {
    res.statusCode = 400;
    return { code: 'BadRequest', message: 'A batch body is an array of operations.' };
  }
  const undo = [];
  const results = [];
  let failed = false;
  for (const input of body) {
    if (failed) {
      results.push({ statusCode: 424, requestCharge: 0 });
      continue;
    }
    const operation = apply[input && input.operationType];
    if (!operation) {
      res.statusCode = 400;
      undoAll(collection, undo);
      return { code: 'BadRequest', message: `Operation type '${input && input.operationType}' is not supported in a batch.` };
    }
    const id = input.id || (input.resourceBody && input.resourceBody.id);
    const partition = partitionOf(collection, input, id);
    const before = collection.document(id, partition).read();
    const result = operation(collection, input);
    if (result.statusCode >= 400) {
      failed = true;
      results.push({ statusCode: result.statusCode, requestCharge: 0 });
      continue;
    }
    undo.push({ id, partition, before });
    results.push({
      statusCode: result.statusCode,
      requestCharge: 1,
      eTag: result.body ? result.body._etag : undefined,
      resourceBody: result.body,
    });
  }
  if (failed) {
    undoAll(collection, undo);
    // Azure answers a failed atomic batch with 207: the failing operation's own status, and 424
    // (failed dependency) for every other one, including those it had carried out and undone.
    res.statusCode = 207;
    return results.map((result) => (result.statusCode >= 400 && result.statusCode !== 424
      ? result
      : { statusCode: 424, requestCharge: 0 }));
  }
  return results;
};

function undoAll(collection, undo) {
  for (let i = undo.length - 1; i >= 0; i -= 1) {
    const { id, partition, before } = undo[i];
    if (collection.document(id, partition).read()) {
      collection.documents.delete(id, partition);
    }
    if (before) {
      setItem.call(collection.documents, before);
    }
  }
}

// Loaded only now, so the routing table picks up the handlers above.
const { createHttpServer } = load('index');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const port = parseInt(option('--port', '0'), 10);
const host = option('--host', '127.0.0.1');

const server = createHttpServer({ keepAlive: true });
// Node closes a keep-alive connection idle for 5 s by default, while the bridge in front pools them for a minute: a
// request could go out on a connection Node was closing. Keep connections longer than the bridge does.
server.keepAliveTimeout = 5 * 60 * 1000;
server.listen(port, host, () => {
  const address = server.address();
  // eslint-disable-next-line no-console
  console.log(`Ready to accept HTTP connections at ${address.address}:${address.port}`);
});
