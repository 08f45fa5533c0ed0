import { hash, verify } from '@node-rs/argon2';

/** A user of "your existing system". */
export interface ExampleUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

/** The example's own users, with argon2id password hashes (in memory: it is an example). */
export interface UserStore {
  add(input: { email: string; name: string; password: string }): Promise<ExampleUser>;
  byEmail(email: string): ExampleUser | undefined;
  byId(id: string): ExampleUser | undefined;
  /** The user when the password is right; undefined otherwise (same work either way). */
  checkPassword(email: string, password: string): Promise<ExampleUser | undefined>;
}

/** Emails are compared lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates an empty user store. */
export function createUserStore(): UserStore {
  const users = new Map<string, ExampleUser>();
  // Verified against when the email is unknown, so timing does not tell who has an account.
  const dummyHash = hash('not a real password, only for equal timing');
  return {
    async add(input) {
      const user: ExampleUser = {
        id: `user-${users.size + 1}`,
        email: normaliseEmail(input.email),
        name: input.name,
        // OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane (the library's default).
        passwordHash: await hash(input.password),
      };
      users.set(user.email, user);
      return user;
    },
    byEmail: (email) => users.get(normaliseEmail(email)),
    byId: (id) => [...users.values()].find((user) => user.id === id),
    async checkPassword(email, password) {
      const user = users.get(normaliseEmail(email));
      const ok = await verify(user?.passwordHash ?? (await dummyHash), password);
      return user && ok ? user : undefined;
    },
  };
}
