// The page's requests to its own JSON routes under /ui/. Writes carry the session's CSRF
// token, which the server put in the page; a session that has ended sends the browser back
// to the login page, to return here after.

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || '';

export class RequestError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(method, path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== '' && v != null) url.searchParams.set(k, v);
  }
  const headers = {Accept: 'application/json'};
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const res = await fetch(url, {method, headers, credentials: 'same-origin'});
  if (res.status === 401) {
    location.assign('/login?ended=1&next=' + encodeURIComponent(location.pathname + location.search));
    throw new RequestError(401, {detail: 'The session has ended; log in again.'});
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new RequestError(res.status, body);
  return body;
}

export const get = (path, params) => call('GET', path, params);
export const post = (path, params) => call('POST', path, params);
