import { Type } from 'typebox';
import { setCname } from '../../../../core/projects/set-cname.js';
import { genericOkBody } from '../../../error-envelope.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';

/** PUT /v2/projectConfig/cname (ProjectConfigUpdateCNAME): sets the Frontend API URL. */
export const updateCnameRoute: RouteModule = (app, { deps }) => {
  app.put(
    '/projectConfig/cname',
    {
      schema: {
        operationId: 'ProjectConfigUpdateCNAME',
        tags: ['ProjectConfig'],
        summary: "Set the project's Frontend API URL (the issuer of its session tokens)",
        body: Type.Object({
          cname: Type.String({
            maxLength: 300,
            description: 'auth.example.com or https://auth.example.com (http only for localhost)',
          }),
        }),
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      await setCname(deps, request.projectId, request.body.cname);
      return genericOkBody(request, reply);
    },
  );
};
