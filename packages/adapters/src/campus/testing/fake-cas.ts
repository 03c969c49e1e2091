import { randomBytes } from 'node:crypto';
import { listenOnLoopback, type LoopbackServer } from './server.js';

export interface FakeCasAccount {
  readonly user: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export type FakeCasMode = 'normal' | 'slow' | 'error';

/**
 * A CAS server on loopback that speaks the protocol the adapter relies on: `/login?service=`
 * issues single-use tickets bound to the service, `/serviceValidate` (v2) and
 * `/p3/serviceValidate` (v3, with attributes) validate them; INVALID_TICKET and INVALID_SERVICE
 * as the CAS spec words them. `slow` answers validation after `slowMs`; `error` answers it with 503.
 * `/login` without `renew=true` stands for a lingering single sign-on session (no password asked), and
 * validation with `renew=true` refuses such tickets, as a real CAS does.
 */
export class FakeCasServer {
  mode: FakeCasMode = 'normal';
  slowMs = 2000;
  private readonly tickets = new Map<string, { service: string; account: FakeCasAccount; renewed: boolean }>();
  private server!: LoopbackServer;
  /** The account `/login` signs in; a real CAS would show a form. */
  signedIn: FakeCasAccount;

  constructor(account: FakeCasAccount) {
    this.signedIn = account;
  }

  static async start(account: FakeCasAccount): Promise<FakeCasServer> {
    const cas = new FakeCasServer(account);
    cas.server = await listenOnLoopback(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const service = url.searchParams.get('service') ?? '';
      if (url.pathname === '/cas/login') {
        const ticket = cas.issue(service, cas.signedIn, url.searchParams.get('renew') === 'true');
        res.writeHead(302, { location: `${service}${service.includes('?') ? '&' : '?'}ticket=${ticket}` }).end();
        return;
      }
      // Outages hit validation, where our server meets theirs; the login page is the student's browser.
      if (cas.mode === 'slow') await new Promise((r) => setTimeout(r, cas.slowMs));
      if (cas.mode === 'error') {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
        return;
      }
      if (url.pathname === '/cas/serviceValidate' || url.pathname === '/cas/p3/serviceValidate') {
        const v3 = url.pathname.includes('/p3/');
        res
          .writeHead(200, { 'content-type': 'application/xml;charset=UTF-8' })
          .end(
            cas.validate(url.searchParams.get('ticket') ?? '', service, v3, url.searchParams.get('renew') === 'true'),
          );
        return;
      }
      res.writeHead(404).end();
    });
    return cas;
  }

  /** The CAS base URL (as a university would configure it). */
  get baseUrl(): string {
    return `${this.server.url}/cas`;
  }

  /** What `/login` does once the student has signed in: a ticket for this service. */
  issue(service: string, account: FakeCasAccount = this.signedIn, renewed = true): string {
    const ticket = `ST-${randomBytes(12).toString('hex')}-fakecas`;
    this.tickets.set(ticket, { service, account, renewed });
    return ticket;
  }

  /**
   * Follows `/login` as a browser would and returns the ticket from the redirect: with the password
   * typed (`renew=true`, as our login URL asks), or from a lingering session (`renew: false`).
   */
  async login(service: string, options: { renew?: boolean } = {}): Promise<string> {
    const renew = (options.renew ?? true) ? '&renew=true' : '';
    const res = await fetch(`${this.baseUrl}/login?service=${encodeURIComponent(service)}${renew}`, {
      redirect: 'manual',
    });
    return new URL(res.headers.get('location')!).searchParams.get('ticket')!;
  }

  private validate(ticket: string, service: string, v3: boolean, renew: boolean): string {
    const issued = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    const wrap = (inner: string) =>
      `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">\n${inner}\n</cas:serviceResponse>\n`;
    if (!ticket || !service)
      return wrap(
        `  <cas:authenticationFailure code="INVALID_REQUEST">ticket and service are required</cas:authenticationFailure>`,
      );
    if (!issued)
      return wrap(
        `  <cas:authenticationFailure code="INVALID_TICKET">Ticket ${escapeXml(ticket)} not recognized</cas:authenticationFailure>`,
      );
    if (renew && !issued.renewed)
      return wrap(
        `  <cas:authenticationFailure code="INVALID_TICKET">Ticket ${escapeXml(ticket)} was not issued from a new login</cas:authenticationFailure>`,
      );
    if (issued.service !== service) {
      return wrap(
        `  <cas:authenticationFailure code="INVALID_SERVICE">Ticket ${escapeXml(ticket)} does not match supplied service</cas:authenticationFailure>`,
      );
    }
    const attrs =
      v3 && issued.account.attributes
        ? `\n    <cas:attributes>\n${Object.entries(issued.account.attributes)
            .map(([k, v]) => `      <cas:${k}>${escapeXml(v)}</cas:${k}>`)
            .join('\n')}\n    </cas:attributes>`
        : '';
    return wrap(
      `  <cas:authenticationSuccess>\n    <cas:user>${escapeXml(issued.account.user)}</cas:user>${attrs}\n  </cas:authenticationSuccess>`,
    );
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
