// The one way the dashboard talks to the function host: the key in x-functions-key, problem details
// turned into ApiError, and a missing route told apart from a failure ("not available yet").
import type { Problem } from './types';

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `The server answered ${problem.status}.`);
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  /** The server has no such endpoint: this part of the product is not deployed here yet. */
  get notAvailable(): boolean {
    return this.problem.code === 'endpoint_missing' || (this.problem.status === 404 && (this.problem.detail ?? '').startsWith('Nothing is at'));
  }
  get unauthorised(): boolean {
    return this.problem.status === 401;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface ApiClient {
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown, query?: Query): Promise<T>;
  eventsUrl(): string;
}

export function createClient(key: string, base = '/api', fetcher: typeof fetch = (...args) => fetch(...args)): ApiClient {
  async function call<T>(method: string, path: string, query: Query = {}, body?: unknown, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await fetcher(`${base}${path}${queryString(query)}`, {
        method,
        signal,
        headers: { 'x-functions-key': key, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError({ status: 0, title: 'Network error', detail: 'The server could not be reached. Check the connection and try again.', code: 'network_error' });
    }
    if (response.status === 204) return undefined as T;
    // Outside /api the host answers unknown GETs with the dashboard itself (SPA fallback).
    if (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/html')) {
      throw new ApiError({ status: 404, code: 'endpoint_missing', detail: `Nothing is at ${method} ${base}${path} on this server yet.` });
    }
    const text = await response.text();
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const problem = (json && typeof json === 'object' ? json : {}) as Problem;
      throw new ApiError({ ...problem, status: response.status, requestId: problem.requestId ?? response.headers.get('x-request-id') ?? undefined });
    }
    return json as T;
  }
  return {
    get: (path, query, signal) => call('GET', path, query, undefined, signal),
    send: (method, path, body, query) => call(method, path, query, body),
    eventsUrl: () => `${base}/events${queryString({ code: key })}`,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 300) };
  }
}
