/** A minimal cookie interface, so auth works the same from a page, an action, a route and the proxy. */
export type TCookieOptions = {
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
  path?: string;
  maxAge?: number;
  expires?: Date;
  domain?: string;
};

export interface CookieJar {
  get(name: string): string | undefined;
  getAll(): { name: string; value: string }[];
  /** Setting may be impossible (a server component render); implementations then ignore it. */
  set(name: string, value: string, options?: TCookieOptions): void;
  delete(name: string): void;
}

type NextCookieStore = {
  get(name: string): { value: string } | undefined;
  getAll(): { name: string; value: string }[];
  set(name: string, value: string, options?: TCookieOptions): unknown;
  delete(name: string): unknown;
};

export function jarFrom(store: NextCookieStore): CookieJar {
  return {
    get: (n) => store.get(n)?.value,
    getAll: () => store.getAll().map(({ name, value }) => ({ name, value })),
    set: (n, v, o) => {
      try {
        store.set(n, v, o);
      } catch {
        /* read-only during a server component render */
      }
    },
    delete: (n) => {
      try {
        store.delete(n);
      } catch {
        /* read-only during a server component render */
      }
    },
  };
}

/** Reads cookies from a raw Cookie header (API routes, tests). Writes are collected in `pending`. */
export function jarFromHeader(header: string | null): CookieJar & { pending: { name: string; value: string; options?: TCookieOptions }[] } {
  const values = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) values.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  const pending: { name: string; value: string; options?: TCookieOptions }[] = [];
  return {
    pending,
    get: (n) => values.get(n),
    getAll: () => [...values].map(([name, value]) => ({ name, value })),
    set: (name, value, options) => {
      values.set(name, value);
      pending.push({ name, value, options });
    },
    delete: (name) => {
      values.delete(name);
      pending.push({ name, value: '', options: { maxAge: 0, path: '/' } });
    },
  };
}
