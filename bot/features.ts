// The bot's feature builders that load no bot SDK: the composition root (functions/wiring) imports them
// from here, so a timer or an import that builds the services never loads botbuilder (bot/index does).
export { buildDigestFeature, type DigestFeatureInputs, type DigestSourcesForBot } from './digest-feature';
