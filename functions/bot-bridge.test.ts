import { HttpRequest } from '@azure/functions';
import { createBotResponse, toBotRequest } from './bot-bridge';

const post = (body: string, headers: Record<string, string> = {}) =>
  new HttpRequest({ method: 'POST', url: 'http://localhost/api/messages', headers, body: { string: body } });

describe('the Functions-to-bot bridge', () => {
  it('keeps the Authorization header, so signed requests can be checked', async () => {
    const req = await toBotRequest(post('{"type":"message"}', { Authorization: 'Bearer abc', 'Content-Type': 'application/json' }));
    expect(req.headers.authorization).toBe('Bearer abc');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.method).toBe('POST');
  });
  it('hands the bot the activity as a parsed JSON object', async () => {
    const req = await toBotRequest(post('{"type":"message","text":"help"}'));
    expect(req.body).toEqual({ type: 'message', text: 'help' });
  });
  it('gives the bot no body for text that is not a JSON object (the adapter then answers 400)', async () => {
    expect((await toBotRequest(post('not json'))).body).toBeUndefined();
    expect((await toBotRequest(post('[1,2]'))).body).toBeUndefined();
    expect((await toBotRequest(post(''))).body).toBeUndefined();
  });
  it('returns an invoke response as a JSON body with its status', () => {
    const res = createBotResponse();
    res.status(200).header('X-Test', 1).send({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: {} }).end();
    expect(res.ended).toBe(true);
    expect(res.toResponse()).toEqual({
      status: 200,
      headers: { 'x-test': '1' },
      jsonBody: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: {} },
    });
  });
  it('returns a text error with its status, and no body when there is none', () => {
    const unauthorized = createBotResponse();
    unauthorized.status(401).send('Unauthorized').end();
    expect(unauthorized.toResponse()).toEqual({ status: 401, headers: {}, body: 'Unauthorized' });
    const ok = createBotResponse();
    ok.status(200).end();
    expect(ok.toResponse()).toEqual({ status: 200, headers: {} });
  });
});
