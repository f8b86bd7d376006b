import { matchRoute } from './local-routes';

describe('routes as the Functions host matches them', () => {
  it('matches literal segments in any case, and names parameters', () => {
    expect(matchRoute('import/status/{id}', 'Import/STATUS/abc-1')).toEqual({ id: 'abc-1' });
    expect(matchRoute('health', 'health')).toEqual({});
    expect(matchRoute('health', 'health/extra')).toBeUndefined();
    expect(matchRoute('import/{kind}', 'import')).toBeUndefined();
  });
  it('honours optional, constrained and catch-all parameters', () => {
    expect(matchRoute('items/{id?}', 'items')).toEqual({});
    expect(matchRoute('items/{id:int}', 'items/x')).toBeUndefined();
    expect(matchRoute('items/{id:int}', 'items/42')).toEqual({ id: '42' });
    expect(matchRoute('files/{*path}', 'files/a/b%20c')).toEqual({ path: 'a/b c' });
  });
});
