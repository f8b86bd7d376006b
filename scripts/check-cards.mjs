#!/usr/bin/env node
// Parses bound Adaptive Cards with Microsoft's `adaptivecards` parser (in headless Chromium: it cannot load in
// Node) and lists what a Teams client would not understand: unknown elements or actions, unknown properties,
// invalid values, properties newer than the card's declared version, and the parser's own validation failures.
// Known Teams extensions are allowed: `Chart.*` elements (each needs a fallback), the `Data.Query` typeahead
// (`choices.data`: Adaptive Cards 1.6 in the parser, but Teams honours it in the 1.5 cards it renders, and
// Teams renders no card above 1.5) and any `msteams` property.
// Usage: node scripts/check-cards.mjs < cards.json   ({ "name": card, ... } in; { "name": ["problem", ...] } out)
/* global window */
import { readFileSync } from 'node:fs';
import { cardPage, launchChromium } from './render-card.mjs';

/** Runs in the page: the problems of one card, as sentences naming where they are. */
function problemsOf(json) {
  const AC = window.AdaptiveCards;
  const problems = [];
  const isExtension = (type) => typeof type === 'string' && type.startsWith('Chart.');
  const allowedAnywhere = new Set(['msteams', 'fallback', '$schema']);
  // Children that are not in the element registry (they are only valid inside their parent).
  const nested = { Column: AC.Column, TextRun: AC.TextRun, TableRow: AC.TableRow, TableCell: AC.TableCell };
  const classOf = (type) =>
    AC.GlobalRegistry.elements.findByName(type)?.objectType ?? AC.GlobalRegistry.actions.findByName(type)?.objectType ?? nested[type];
  const version = AC.Version.parse(json.version, new AC.SerializationContext());

  // Every key of the JSON must be a property of its object's schema, as of the card's version.
  // Children that the parser reads outside the schema: a container's items, actions, columns, inlines.
  const childKeys = (o) => [
    o.getItemsCollectionPropertyName?.(),
    (o instanceof AC.ContainerWithActions || o instanceof AC.ActionSet) && 'actions',
    o instanceof AC.ColumnSet && 'columns',
    o instanceof AC.RichTextBlock && 'inlines',
    o instanceof AC.Table && 'rows',
    o instanceof AC.TableRow && 'cells',
  ].filter(Boolean);
  const TYPEAHEAD = 'choices.data';
  const walk = (objectType, source, path, extension = false) => {
    const props = new Map();
    const instance = new objectType();
    const children = childKeys(instance);
    const schema = instance.getSchema();
    for (let i = 0; i < schema.getCount(); i++) props.set(schema.getItemAt(i).name, schema.getItemAt(i));
    for (const [key, value] of Object.entries(source)) {
      const at = `${path}.${key}`;
      if (key === 'fallback' && value && typeof value === 'object') typed(value, at);
      if (allowedAnywhere.has(key)) continue;
      if (children.includes(key)) {
        if (Array.isArray(value)) value.forEach((v, i) => v && typeof v === 'object' && typed(v, `${at}[${i}]`));
        continue;
      }
      const prop = props.get(key);
      if (!prop) { problems.push(`${at}: ${source.type ?? objectType.name} has no property "${key}"`); continue; }
      if (!extension && key !== TYPEAHEAD && version && prop.targetVersion.compareTo(version) > 0) problems.push(`${at}: "${key}" needs Adaptive Cards ${prop.targetVersion}, the card declares ${json.version}`);
      if (key === 'data' || !value || typeof value !== 'object') continue; // an action's data is the bot's own
      if (prop instanceof AC.SerializableObjectProperty) walk(prop.objectType, value, at, extension || key === TYPEAHEAD);
      else if (prop instanceof AC.SerializableObjectCollectionProperty) value.forEach((v, i) => walk(prop.objectType, v, `${at}[${i}]`));
      else if (Array.isArray(value)) value.forEach((v, i) => v && typeof v === 'object' && typed(v, `${at}[${i}]`));
      else typed(value, at);
    }
  };
  const typed = (source, path) => {
    if (typeof source.type !== 'string') return;
    if (isExtension(source.type)) {
      if (!source.fallback) problems.push(`${path}: ${source.type} renders only in some Teams clients and has no fallback`);
      else typed(source.fallback, `${path}.fallback`);
      return;
    }
    const objectType = classOf(source.type);
    if (!objectType) problems.push(`${path}: unknown type "${source.type}"`);
    else walk(objectType, source, path);
  };

  const context = new AC.SerializationContext(version);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    // The parser reports Chart.* as unknown (it has no charts); walk() checks them and their fallbacks.
    if (e.event === AC.ValidationEvent.UnknownElementType && /Chart\./.test(e.message)) continue;
    if (e.event === AC.ValidationEvent.UnsupportedProperty && e.message.includes(`"${TYPEAHEAD}"`)) continue;
    problems.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) problems.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  walk(AC.AdaptiveCard, json, '$');
  return [...new Set(problems)];
}

/** The problems of each named card; one browser for all. */
export async function checkCards(cards) {
  const browser = await launchChromium();
  try {
    const page = await cardPage(browser, {}, '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.evaluate(`window.problemsOf = ${problemsOf.toString()}`);
    return await page.evaluate((all) => Object.fromEntries(Object.entries(all).map(([name, card]) => [name, window.problemsOf(card)])), cards);
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cards = JSON.parse(readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(await checkCards(cards)));
}
