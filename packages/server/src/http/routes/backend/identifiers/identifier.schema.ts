import { Type } from 'typebox';
import {
  type IdentifierRecord,
  identifierStatuses,
  identifierTypes,
} from '../../../../core/identifiers/identifier-fields.js';
import { Paging, StringEnum } from '../../../schemas/common.schema.js';

/** backend_api.yml `identifierType`. */
export const IdentifierType = StringEnum(identifierTypes);
/** backend_api.yml `identifierStatus`. */
export const IdentifierStatus = StringEnum(identifierStatuses);

export const IdentifierParams = Type.Object({
  userID: Type.String({ maxLength: 64, description: 'Format: usr-<number>' }),
  identifierID: Type.String({ maxLength: 64, description: 'Format: ide-<number>' }),
});

const identifierProperties = {
  identifierID: Type.String(),
  type: IdentifierType,
  value: Type.String(),
  status: IdentifierStatus,
  userID: Type.String(),
};

/** backend_api.yml `identifier`, for use inside other schemas (no $id of its own). */
export const IdentifierItem = Type.Object(identifierProperties);

/** backend_api.yml `identifier`. */
export const Identifier = Type.Object(identifierProperties, { $id: 'identifier' });

/** backend_api.yml `identifierList`. */
export const IdentifierList = Type.Object(
  { identifiers: Type.Array(IdentifierItem), paging: Paging },
  { $id: 'identifierList' },
);

/** The wire shape of an identifier (`identifier`). */
export function toWireIdentifier(identifier: IdentifierRecord) {
  return {
    identifierID: identifier.id,
    type: identifier.type,
    value: identifier.value,
    status: identifier.status,
    userID: identifier.userId,
  };
}
