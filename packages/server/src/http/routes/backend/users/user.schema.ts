import { Type } from 'typebox';
import { formatTimestamp } from '../../../../core/clock.js';
import type { UserAggregate as UserAggregateRecord } from '../../../../core/users/list-users.js';
import { type UserRecord, userStatuses } from '../../../../core/users/user-fields.js';
import { Paging, StringEnum } from '../../../schemas/common.schema.js';
import { IdentifierItem, toWireIdentifier } from '../identifiers/identifier.schema.js';
import {
  SocialAccountItem,
  toWireSocialAccount,
} from '../social-accounts/social-account.schema.js';

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
    emailIdentifiers: Type.Array(IdentifierItem),
    phoneNumberIdentifiers: Type.Array(IdentifierItem),
    usernameIdentifiers: Type.Array(IdentifierItem),
    socialAccounts: Type.Array(SocialAccountItem),
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

/**
 * The wire shape of a user with its identifiers, split by type, and social accounts
 * (`userAggregate`). Without `related`, the lists are empty.
 */
export function toWireUserAggregate(
  user: UserRecord,
  related: Pick<UserAggregateRecord, 'identifiers' | 'socialAccounts'> = {
    identifiers: [],
    socialAccounts: [],
  },
) {
  const ofType = (type: string) =>
    related.identifiers.filter((identifier) => identifier.type === type).map(toWireIdentifier);
  return {
    ...toWireUser(user),
    emailIdentifiers: ofType('email'),
    phoneNumberIdentifiers: ofType('phone'),
    usernameIdentifiers: ofType('username'),
    socialAccounts: related.socialAccounts.map(toWireSocialAccount),
    created: formatTimestamp(user.createdAt),
    createdMS: user.createdAt,
  };
}
