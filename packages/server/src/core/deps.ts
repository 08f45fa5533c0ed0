import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Clock } from './clock.js';
import type { Random } from './random.js';

/**
 * The ports most use cases need: the database handle (passed through to store functions,
 * never queried here), time and randomness. Each use case takes only this, plus its input.
 */
export interface CoreDeps {
  db: Kysely<Database>;
  clock: Clock;
  random: Random;
}
