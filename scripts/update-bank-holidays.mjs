// Refreshes the shipped bank-holiday list from a saved copy of GOV.UK's bank-holidays.json feed.
// Usage: node scripts/update-bank-holidays.mjs <bank-holidays.json>
import { readFileSync, writeFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('Usage: node scripts/update-bank-holidays.mjs <bank-holidays.json saved from GOV.UK>');
  process.exit(2);
}
const feed = JSON.parse(readFileSync(file, 'utf8'));
// GOV.UK's feed is keyed by division; a single-division file (as in shared/data) is accepted too.
const division = feed['england-and-wales'] ?? feed;
if (!Array.isArray(division.events)) {
  console.error(`${file}: no "england-and-wales" events found; is this GOV.UK's bank-holidays.json?`);
  process.exit(1);
}
const events = division.events
  .filter((e) => /^\d{4}-\d{2}-\d{2}$/.test(e.date) && e.date >= '2018-01-01')
  .map((e) => ({ title: e.title, date: e.date, notes: e.notes ?? '' }))
  .sort((a, b) => a.date.localeCompare(b.date));
const out = { source: `GOV.UK bank holidays feed, england-and-wales, refreshed ${new Date().toISOString().slice(0, 10)}; Open Government Licence v3.0`, division: 'england-and-wales', events };
const target = new URL('../core/calendar/bank-holidays-england-and-wales.json', import.meta.url);
writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${events.length} bank holidays, ${events[0].date} to ${events.at(-1).date}`);
