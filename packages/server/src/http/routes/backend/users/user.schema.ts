import { Type } from 'typebox';
import { formatTimestamp } from '../../../../core/clock.js';
import { userStatuses } from '../../../../core/users/user-fields.js';
import type { UserRecord } from '../../../../store/user.store.js';
import { Paging, StringEnum } from '../../../schemas/common.schema.js';

export const UserStatus = StringEnum(userStatuses);

export const UserIdParams = Type.Object({
  userID: Type.String({ maxLength: 64, description: 'Format: usr-<number>' }),
});

/** backend_api.yml `user`. */
export const User = Type.Object(
  {
    userID: Type.String(),
    fullName: Type.Optional(Type.String()),
    status: UserStatus,
    explicitWebauthnID: Type.Optional(Type.String()),
    updated: Type.String(),
    updatedMs: Type.Integer(),
  },
  { $id: 'user' },
);

/** backend_api.yml `userAggregate` (note the spec's `createdMS`). */
export const UserAggregate = Type.Object(
  {
    userID: Type.String(),
    fullName: Type.Optional(Type.String()),
    status: UserStatus,
    explicitWebauthnID: Type.Optional(Type.String()),
    emailIdentifiers: Type.Array(Type.Object({}, { additionalProperties: true })),
    phoneNumberIdentifiers: Type.Array(Type.Object({}, { additionalProperties: true })),
    usernameIdentifiers: Type.Array(Type.Object({}, { additionalProperties: true })),
    socialAccounts: Type.Array(Type.Object({}, { additionalProperties: true })),
    created: Type.String(),
    createdMS: Type.Integer(),
    updated: Type.String(),
    updatedMs: Type.Integer(),
  },
  { $id: 'userAggregate' },
);

export const UserList = Type.Object(
  { users: Type.Array(UserAggregate), paging: Paging },
  { $id: 'userList' },
);

/** The wire shape of a user (`user`). */
export function toWireUser(user: UserRecord) {
  return {
    userID: user.id,
    ...(user.fullName !== null && { fullName: user.fullName }),
    status: user.status,
    ...(user.explicitWebauthnId !== null && { explicitWebauthnID: user.explicitWebauthnId }),
    updated: formatTimestamp(user.updatedAt),
    updatedMs: user.updatedAt,
  };
}

/** The wire shape of a user with identifiers (`userAggregate`). */
export function toWireUserAggregate(user: UserRecord) {
  return {
    ...toWireUser(user),
    emailIdentifiers: [],
    phoneNumberIdentifiers: [],
    usernameIdentifiers: [],
    socialAccounts: [],
    created: formatTimestamp(user.createdAt),
    createdMS: user.createdAt,
  };
}
