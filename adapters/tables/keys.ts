// Table keys forbid / \ # ? and control characters: encode every key part we did not mint ourselves.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const FORBIDDEN = /[/\\#?%\u0000-\u001f\u007f-\u009f]/g;

/** Encodes a value for use in a PartitionKey or RowKey; reversible with decodeKey. */
export const encodeKey = (value: string): string =>
  value.replace(FORBIDDEN, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase());

export const decodeKey = (key: string): string =>
  key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** OData string literal for filters: single quotes doubled. */
export const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;
