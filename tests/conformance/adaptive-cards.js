// Checks Adaptive Cards with Microsoft's own renderer library (npm "adaptivecards"), the way a
// Teams client reads them:
//   1. parsed for schema 1.5, every parse event (unknown type, invalid value, unsupported
//      property, ...) and every validation event is a failure — warnings included;
//   2. parsed again as a host that does not know Action.Execute (older Teams clients, other
//      hosts): each action must survive through its fallback, or the card shows fewer buttons.
// The Teams host extension "msteams" is allowed (the library does not model it, as Teams adds it).
//
//   node adaptive-cards.js <file or folder>...   (folders: every *.json inside, recursively)
// Prints one line per problem and a summary; exits 1 if anything is wrong.
"use strict";
const fs = require("fs");
const path = require("path");
const AC = require("adaptivecards/dist/adaptivecards.js");

function files(target) {
  if (fs.statSync(target).isDirectory())
    return fs.readdirSync(target).sort().flatMap((name) => files(path.join(target, name)));
  return target.endsWith(".json") ? [target] : [];
}

function parse(json, actions) {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  if (actions)
    context.setActionRegistry(actions);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++)
    events.push(context.getEventAt(i));
  return { card, events };
}

// Every object in an "actions" array (the card's and every ActionSet's), as the JSON has it.
function countActions(node) {
  if (Array.isArray(node))
    return node.reduce((n, item) => n + countActions(item), 0);
  if (node === null || typeof node !== "object")
    return 0;
  let count = 0;
  for (const [key, value] of Object.entries(node)) {
    if (key === "fallback")
      continue; // a fallback stands in for its action; it is not one more button
    if (key === "actions" && Array.isArray(value))
      count += value.filter((a) => a && typeof a === "object").length;
    count += countActions(value);
  }
  return count;
}

function describe(event) {
  return `${AC.ValidationEvent[event.event] ?? event.event}: ${event.message}`;
}

const withoutExecute = new AC.CardObjectRegistry();
AC.GlobalRegistry.populateWithDefaultActions(withoutExecute);
withoutExecute.unregister("Action.Execute");

const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error("usage: node adaptive-cards.js <file or folder>...");
  process.exit(2);
}
const problems = [];
let checked = 0;
for (const file of targets.flatMap(files)) {
  checked++;
  let json;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    problems.push(`${file}: not JSON: ${e.message}`);
    continue;
  }
  if (json.type !== "AdaptiveCard" || json.version !== "1.5")
    problems.push(`${file}: not an AdaptiveCard of version 1.5 (type ${json.type}, version ${json.version})`);

  const { card, events } = parse(json);
  for (const event of events)
    problems.push(`${file}: parse ${describe(event)}`);
  for (const event of card.validateProperties().validationEvents)
    problems.push(`${file}: validation ${describe(event)}`);

  const expected = countActions(json);
  const older = parse(json, withoutExecute);
  // The library lists an ActionSet's actions twice (once per container level): count each once.
  const shown = new Set(older.card.getAllActions()).size;
  if (shown !== expected)
    problems.push(`${file}: a host without Action.Execute shows ${shown} of ${expected} actions`
      + (older.events.length > 0 ? ` (${older.events.map(describe).join("; ")})` : ""));
}

for (const problem of problems)
  console.log(problem);
console.log(`adaptive-cards: ${checked} card(s) checked, ${problems.length} problem(s)`);
process.exit(problems.length === 0 && checked > 0 ? 0 : 1);
