// The digests' front door: one folder per audience, the measures and text checks they share beside them.
export * from './ports';
export * from './post-cards';
export * from './weekly';
export * from './cicc';
export * from './cpb';
export * from './senior';
export * from './ask';
export * from './feature';
export * from './text/reading-level';
export * from './text/text-guard';
export * from './text/channel-guard';
export * from './measures/figures';
export * from './measures/attention';
export * from './text/plain-words';
export * from './measures/examples-once';
export * from './text/reading-gate';
