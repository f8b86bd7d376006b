// The headers App Service Authentication adds once it has validated a caller's Entra ID token
// (x-ms-client-principal: base64 JSON of the token's claims; -id, -name, -idp beside it).
export const COUNCIL_TENANT = '11111111-2222-4333-8444-555555555555';

export function signedInAs(personId: string, o: { upn?: string; tenantId?: string } = {}): Record<string, string> {
  const upn = o.upn ?? `${personId}@council.example`;
  const principal = {
    auth_typ: 'aad',
    name_typ: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
    role_typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
    claims: [
      { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: personId },
      { typ: 'http://schemas.microsoft.com/identity/claims/tenantid', val: o.tenantId ?? COUNCIL_TENANT },
      { typ: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn', val: upn },
    ],
  };
  return {
    'x-ms-client-principal': Buffer.from(JSON.stringify(principal)).toString('base64'),
    'x-ms-client-principal-id': personId,
    'x-ms-client-principal-name': upn,
    'x-ms-client-principal-idp': 'aad',
  };
}
