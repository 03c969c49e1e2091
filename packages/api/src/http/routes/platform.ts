import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CampusSettings } from '@xianzhi/adapters';
import type { CampusAuthenticatorRegistry, CampusRepository } from '@xianzhi/core';
import type { Environment } from '../../config.js';
import { responses } from '../schemas/common.js';
import { CampusList, ClientConfig } from '../schemas/platform.js';

export interface PlatformRouteDeps {
  readonly env: Environment;
  /** The campuses XZ_CAMPUSES configures (in embedded mode without it, the demo campus). */
  readonly campusSettings: readonly CampusSettings[];
  readonly campuses: CampusRepository;
  readonly authenticators: CampusAuthenticatorRegistry;
}

/** What a client needs before anything else: the mode, and the campuses to choose from. */
export function platformRoutes(deps: PlatformRouteDeps): FastifyPluginAsyncTypebox {
  // With one campus there is nothing to choose; with several (or none yet) the client asks.
  const defaultCampusId = deps.campusSettings.length === 1 ? deps.campusSettings[0]!.id : null;
  return async (app) => {
    app.get(
      '/client-config',
      {
        schema: {
          tags: ['platform'],
          summary: 'The server mode, whether demo sign-in is offered (embedded only), and the campus when there is one',
          response: responses({ 200: ClientConfig }),
        },
      },
      async () => ({ mode: deps.env, demoLogin: deps.env === 'embedded', defaultCampusId }),
    );

    app.get(
      '/campuses',
      {
        schema: {
          tags: ['platform'],
          summary: 'The campuses this server serves, each with how students verify and whom to contact',
          response: responses({ 200: CampusList }),
        },
      },
      async () => {
        const items = [];
        for (const settings of deps.campusSettings) {
          // Unnamed only for the embedded default, whose name the demo seed gave it.
          const name = settings.name ?? (await deps.campuses.byId(settings.id))?.name ?? settings.id;
          items.push({
            id: settings.id,
            name,
            verification: deps.authenticators.forCampus(settings.id)?.kind ?? settings.auth.kind,
            contact: settings.contact ? { ...settings.contact } : null,
          });
        }
        return { items, defaultCampusId };
      },
    );
  };
}
