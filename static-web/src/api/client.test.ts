import { describe, expect, it } from 'vitest';
import { ApiError, createClient, queryString } from './client';

function fake(status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

describe('API client', () => {
  it('sends the key in x-functions-key and leaves empty filters out of the query', async () => {
    const { calls, fetcher } = fake(200, { ok: true });
    await createClient('ga_secret', '/api', fetcher).get('/kpis/financial', { from: '2026-01-01', to: '2026-01-31', branch: null, category: '' });
    expect(calls[0].url).toBe('/api/kpis/financial?from=2026-01-01&to=2026-01-31');
    expect((calls[0].init.headers as Record<string, string>)['x-functions-key']).toBe('ga_secret');
  });
  it('turns problem details into an error carrying the server message, code and request id', async () => {
    const { fetcher } = fake(400, { status: 400, detail: 'to (2026-01-01) is before from (2026-02-01); give the range\u2019s first and last day.', code: 'invalid_value', requestId: 'r-1' });
    const error = await createClient('k', '/api', fetcher).get('/kpis/financial').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/is before from/);
    expect((error as ApiError).problem.code).toBe('invalid_value');
    expect((error as ApiError).problem.requestId).toBe('r-1');
    expect((error as ApiError).notAvailable).toBe(false);
  });
  it('recognises an endpoint the server does not have yet', async () => {
    const { fetcher } = fake(404, { status: 404, code: 'not_found', detail: 'Nothing is at GET /api/kpis/financial; see /api/openapi.json for the routes.' });
    const error = (await createClient('k', '/api', fetcher).get('/kpis/financial').catch((e: unknown) => e)) as ApiError;
    expect(error.notAvailable).toBe(true);
    const html = fake(200, '<!doctype html>', { 'content-type': 'text/html; charset=utf-8' });
    const fallback = (await createClient('k', '/runtime', html.fetcher).get('/instances').catch((e: unknown) => e)) as ApiError;
    expect(fallback.notAvailable).toBe(true);
  });
  it('tells a rejected key apart', async () => {
    const { fetcher } = fake(401, { status: 401, code: 'invalid_key', detail: 'The key is not valid or was revoked.' });
    const error = (await createClient('bad', '/api', fetcher).get('/keys/current').catch((e: unknown) => e)) as ApiError;
    expect(error.unauthorised).toBe(true);
  });
  it('reports a network failure in words', async () => {
    const fetcher = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const error = (await createClient('k', '/api', fetcher).get('/health').catch((e: unknown) => e)) as ApiError;
    expect(error.problem.code).toBe('network_error');
    expect(error.message).toMatch(/could not be reached/);
  });
  it('puts the key in the event stream URL, since EventSource cannot send headers', () => {
    expect(createClient('ga_x/y', '/api').eventsUrl()).toBe('/api/events?code=ga_x%2Fy');
    expect(queryString({})).toBe('');
  });
});
