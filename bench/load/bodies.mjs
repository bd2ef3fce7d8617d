// Request bodies for the load generators: every register call gets a unique, valid user.
let n = 0;
const tag = `${process.pid.toString(36)}${Date.now().toString(36)}`;

/** A fresh, valid sign-up (username, email, pass, name), unique across processes and runs. */
export function nextUser() {
  n += 1;
  const id = `${tag}${n}`;
  return { username: `load.${id}`, email: `load.${id}@example.com`, pass: 'Load-pass-1', name: `Load ${id}` };
}

/** A DDP `method` frame; registerUser takes {email, pass, name} as Meteor clients send it. */
export function methodFrame(id, method) {
  if (method === 'login') return { msg: 'method', id, method: 'login', params: [{ user: { username: 'admin' }, password: { digest: ADMIN_DIGEST, algorithm: 'sha-256' } }] };
  const { email, pass, name } = nextUser();
  return { msg: 'method', id, method: 'registerUser', params: [{ email, pass, name }] };
}

// sha256('admin'): what a Meteor client sends for the default admin password.
const ADMIN_DIGEST = '8c6976e5b5410415bde908bd4dee15dfb167a9c873fc4bb8a81f6f2ab448a918';

/** The HTTP body for a bench kind (same register-shaped body for the raw baseline). */
export function httpBody(kind) {
  switch (kind) {
    case 'login':
      return { user: 'admin', password: 'admin' };
    case 'callAnon':
      n += 1;
      return { message: JSON.stringify(methodFrame(String(n), 'registerUser')) };
    case 'json-server': {
      const { username, email, name } = nextUser();
      return { username, email, name };
    }
    default:
      return nextUser();
  }
}
