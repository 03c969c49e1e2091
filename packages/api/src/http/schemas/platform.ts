import { Type } from 'typebox';
import { Nullable } from './common.js';

export const ClientConfig = Type.Object({
  mode: Type.Enum(['embedded', 'production']),
  /** True only in embedded mode: the demo sign-in buttons may be shown. */
  demoLogin: Type.Boolean(),
  /** The only campus, when exactly one is configured; else null and the client asks. */
  defaultCampusId: Nullable(Type.String()),
});

export const CampusContact = Type.Object({
  qq: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  hours: Type.Optional(Type.String()),
});

export const Campus = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** How students verify: `cas`, `form`, `demo`, or a plugin's name. */
  verification: Type.String(),
  contact: Nullable(CampusContact),
});

export const CampusList = Type.Object({ items: Type.Array(Campus), defaultCampusId: Nullable(Type.String()) });
