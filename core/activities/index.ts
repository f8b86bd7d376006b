export * from './activity';
export * from './ports';
export * from './log-activity';
export * from './feature';
