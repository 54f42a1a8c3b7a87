import { AuthConfig, issueDevToken, Role } from '@app/auth';
import { UNITS } from './district';

/** 'admin', 'intake', or the id of the unit whose manager acts. */
export type Actor = 'admin' | 'intake' | string;

export class SeedError extends Error {}

/** The seed talks to the app only over HTTP, as a user would, so every rule, projection and encryption applies. */
export class SeedApi {
  private readonly tokens = new Map<Actor, Promise<string>>();
  /** The log position of the latest write, for reads that must see it. */
  lastPosition = '0';
  requests = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly auth: AuthConfig,
  ) {}

  async post<T = Record<string, unknown>>(path: string, body: object, actor: Actor, tolerate: number[] = []): Promise<T> {
    return this.call<T>('POST', path, actor, body, tolerate);
  }

  async get<T = Record<string, unknown>>(path: string, actor: Actor): Promise<T> {
    return this.call<T>('GET', path, actor);
  }

  private async call<T>(method: string, path: string, actor: Actor, body?: object, tolerate: number[] = []): Promise<T> {
    this.requests++;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${await this.token(actor)}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : {};
    if (!res.ok && !tolerate.includes(res.status)) {
      const detail = json.errors ? JSON.stringify(json.errors) : (json.detail ?? json.title ?? text);
      throw new SeedError(`${method} ${path} as ${actor} → ${res.status} ${json.code ?? ''} ${detail}`.replace(/\s+/g, ' '));
    }
    const position = res.headers.get('x-event-position');
    if (position && BigInt(position) > BigInt(this.lastPosition)) this.lastPosition = position;
    return json as T;
  }

  private token(actor: Actor): Promise<string> {
    let token = this.tokens.get(actor);
    if (!token) {
      const unit = UNITS.find((u) => u.id === actor);
      const [roles, units, name]: [Role[], string[], string] =
        actor === 'admin'
          ? [['admin'], ['*'], 'Nämndsekreterare (demo)']
          : actor === 'intake'
            ? [['intake'], ['*'], 'Kundtjänst (demo)']
            : [['manager'], [actor], `${unit?.manager ?? actor}, enhetschef`];
      token = issueDevToken({ roles, units, name, sub: `demo-${actor}` }, this.auth);
      this.tokens.set(actor, token);
    }
    return token;
  }
}
