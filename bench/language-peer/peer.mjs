// The peer for IncidentBot's language detector: franc-all restricted to the five intake
// languages, over the same labelled sentences. Prints per-language accuracy, or with --json one
// line per sentence ({"expected","actual"}) for bench/IncidentBot.LanguageBench to compare.
//
//   npm ci --prefix bench/language-peer
//   node bench/language-peer/peer.mjs [tests/IncidentBot.Dialogs.Tests/Intake/Languages/languages.tsv] [--json]
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {franc} from 'franc-all';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const file = args.find((a) => !a.startsWith('--')) ?? path.resolve(here, '../../tests/IncidentBot.Dialogs.Tests/Intake/Languages/languages.tsv');

// franc answers ISO 639-3; ours are the codes the bot stores (ISO 639-1 where one exists).
const toOurs = {npi: 'ne', bho: 'bho', hin: 'hi', mai: 'mai', eng: 'en', und: 'unknown'};
const only = ['npi', 'bho', 'hin', 'mai', 'eng'];

const rows = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const tab = line.indexOf('\t');
    return {expected: line.slice(0, tab), text: line.slice(tab + 1)};
  });

const perLanguage = new Map();
for (const {expected, text} of rows) {
  // franc's defaults otherwise (minLength 10: a shorter text is 'und').
  const actual = toOurs[franc(text, {only})];
  if (json) console.log(JSON.stringify({expected, actual}));
  const tally = perLanguage.get(expected) ?? {right: 0, all: 0};
  tally.all++;
  if (actual === expected) tally.right++;
  perLanguage.set(expected, tally);
}

if (!json) {
  let right = 0;
  let all = 0;
  for (const [language, tally] of perLanguage) {
    console.log(`${language.padEnd(8)} ${tally.right}/${tally.all}  ${((100 * tally.right) / tally.all).toFixed(1)} %`);
    right += tally.right;
    all += tally.all;
  }
  console.log(`${'all'.padEnd(8)} ${right}/${all}  ${((100 * right) / all).toFixed(1)} %`);
}
