// Route templates as the Functions host reads them: literal segments (case-insensitive), {name},
// {name:constraint}, {name?} and a final {*rest}.
export function matchRoute(template: string, path: string): Record<string, string> | undefined {
  const want = template.replace(/^\/+|\/+$/g, '').split('/').filter(Boolean);
  const got = path.replace(/^\/+|\/+$/g, '').split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const seg = want[i]!;
    const m = /^\{(\*)?([A-Za-z0-9_]+)(?::([^}?=]+))?(\?)?\}$/.exec(seg);
    if (!m) {
      if (got[i]?.toLowerCase() !== seg.toLowerCase()) return undefined;
      continue;
    }
    const [, catchAll, name, constraint, optional] = m;
    if (catchAll) {
      params[name!] = got.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    const value = got[i];
    if (value === undefined) {
      if (optional) continue;
      return undefined;
    }
    if (constraint === 'int' && !/^-?\d+$/.test(value)) return undefined;
    if (constraint === 'guid' && !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(value)) return undefined;
    if (constraint === 'alpha' && !/^[A-Za-z]+$/.test(value)) return undefined;
    params[name!] = decodeURIComponent(value);
  }
  return got.length === want.length || want.some((s) => s.endsWith('?}')) && got.length <= want.length ? params : undefined;
}
