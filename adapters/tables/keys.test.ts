import { decodeKey, encodeKey } from './keys';

describe('table keys', () => {
  it('encodes the characters Table Storage forbids, and decodes back', () => {
    const raw = 'a/b\\c#d?e%f\u0001g';
    const key = encodeKey(raw);
    // eslint-disable-next-line no-control-regex
    expect(key).not.toMatch(/[/\\#?\u0000-\u001f]/);
    expect(decodeKey(key)).toBe(raw);
  });
  it('leaves ordinary references unchanged', () => {
    expect(encodeKey('GT-000123')).toBe('GT-000123');
  });
});
