import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  CampusCredentialsWrong,
  CampusIdentityIncomplete,
  CampusPortalUnavailable,
  err,
  ok,
  type CampusAuthenticator,
  type CampusAuthFailure,
  type CampusCredentials,
  type CampusIdentity,
  type Result,
} from '@xianzhi/core';
import { DEFAULT_PORTAL_TIMEOUT_MS, portalRequest } from './http.js';

export interface CasSettings {
  /** The CAS server's base, e.g. https://cas.example.edu.cn/cas (no trailing slash needed). */
  readonly baseUrl: string;
  /** 2: /serviceValidate (user only); 3: /p3/serviceValidate (with attributes). */
  readonly version: 2 | 3;
  /** Our callback URL the ticket was issued for; tickets for any other service are refused. */
  readonly service: string;
  /**
   * Attribute holding the student number. With v3 an answer without it is refused
   * (CAMPUS_IDENTITY_INCOMPLETE), never taken from the CAS user id; v2 answers carry no attributes as a
   * rule, so there the user id stands in when the attribute is absent. Unset: the CAS user id.
   */
  readonly studentNumberAttribute?: string;
  /** Attribute holding the person's name (v3), if the campus releases it. */
  readonly nameAttribute?: string;
  /** Attribute telling staff from students (v3), and the values that mean staff. */
  readonly kindAttribute?: string;
  readonly staffValues?: readonly string[];
  readonly timeoutMs?: number;
  /**
   * Ask CAS for the password even when the web-view still holds a CAS session (`renew=true` on the
   * login page and on validation, so a ticket from a lingering session is refused). Default true; a
   * campus whose CAS mishandles renew may turn it off.
   */
  readonly renew?: boolean;
}

/** CAS failure codes that mean "this ticket is no good", as opposed to the server failing. */
const REJECTIONS = new Set([
  'INVALID_TICKET',
  'INVALID_TICKET_SPEC',
  'INVALID_SERVICE',
  'INVALID_REQUEST',
  'UNAUTHORIZED_SERVICE_PROXY',
]);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

type Node = Record<string, unknown>;

/** An XML attribute or text value as a string; anything else (a nested element) as empty. */
const textOf = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/**
 * 统一身份认证 (CAS protocol 2 and 3). The student signs in on the campus's own page in a web-view;
 * we only validate the single-use ticket it hands back, so the platform never sees a password.
 */
export class CasCampusAuthenticator implements CampusAuthenticator {
  readonly kind = 'cas';
  readonly method = 'cas' as const;
  private readonly base: string;

  constructor(
    readonly campusId: string,
    private readonly settings: CasSettings,
  ) {
    this.base = settings.baseUrl.replace(/\/+$/, '');
  }

  private get renew(): boolean {
    return this.settings.renew ?? true;
  }

  loginUrl(): { url: string; service: string } {
    return {
      url: `${this.base}/login?service=${encodeURIComponent(this.settings.service)}${this.renew ? '&renew=true' : ''}`,
      service: this.settings.service,
    };
  }

  async authenticate(c: CampusCredentials): Promise<Result<CampusIdentity, CampusAuthFailure>> {
    if (c.kind !== 'cas-ticket') return err(new CampusCredentialsWrong('method'));
    // A ticket issued for another site must not verify anyone here, whatever that site's CAS says.
    if (c.service !== this.settings.service) return err(new CampusCredentialsWrong('INVALID_SERVICE'));
    const path = this.settings.version === 3 ? '/p3/serviceValidate' : '/serviceValidate';
    const query = new URLSearchParams({
      service: c.service,
      ticket: c.ticket,
      ...(this.renew ? { renew: 'true' } : {}),
    });
    const url = `${this.base}${path}?${query.toString()}`;
    const res = await portalRequest(
      url,
      { method: 'GET', headers: { accept: 'application/xml, text/xml' } },
      this.settings.timeoutMs ?? DEFAULT_PORTAL_TIMEOUT_MS,
    );
    if (res instanceof CampusPortalUnavailable) return err(res);
    if (res.status !== 200) return err(new CampusPortalUnavailable(`http-${res.status}`));
    return this.read(res.body);
  }

  private read(xml: string): Result<CampusIdentity, CampusAuthFailure> {
    if (XMLValidator.validate(xml) !== true) return err(new CampusPortalUnavailable('bad-response'));
    const doc = parser.parse(xml) as Node;
    const response = doc['serviceResponse'] as Node | undefined;
    if (!response || typeof response !== 'object') return err(new CampusPortalUnavailable('bad-response'));
    const failure = response['authenticationFailure'];
    if (failure !== undefined) {
      const code = typeof failure === 'object' && failure ? textOf((failure as Node)['@_code']) : '';
      return err(
        REJECTIONS.has(code)
          ? new CampusCredentialsWrong(code)
          : new CampusPortalUnavailable(code ? `cas-${code}` : 'cas-failure'),
      );
    }
    const success = response['authenticationSuccess'] as Node | undefined;
    const user = text(success?.['user']);
    if (!success || !user) return err(new CampusPortalUnavailable('bad-response'));
    const attributes =
      typeof success['attributes'] === 'object' && success['attributes'] ? (success['attributes'] as Node) : {};
    const attr = (name: string | undefined) => (name ? text(attributes[name]) : null);
    const kindValue = attr(this.settings.kindAttribute);
    const staff =
      kindValue !== null &&
      (this.settings.staffValues ?? ['staff', 'teacher', 'faculty', '教职工']).includes(kindValue);
    const studentNumber = attr(this.settings.studentNumberAttribute);
    const numberAttribute = this.settings.studentNumberAttribute;
    if (studentNumber === null && numberAttribute && this.settings.version === 3)
      return err(new CampusIdentityIncomplete(this.campusId, numberAttribute));
    return ok({
      studentNumber: studentNumber ?? user,
      kind: staff ? 'staff' : 'student',
      name: attr(this.settings.nameAttribute),
    });
  }
}

/** The text of an element: a string, the first of repeated elements, or `#text` beside attributes. */
function text(value: unknown): string | null {
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return text((value as Node)['#text']);
  return null;
}
