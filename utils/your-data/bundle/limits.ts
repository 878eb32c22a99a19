/** The bundle's limits are the database's own (utils/db/limits.ts): the app writes nothing its importer would refuse. */
export { LIMITS } from '../../db/limits';
