import { PostgresStore } from '../../src/store/postgres/store';
import { usePostgres } from '../support/postgres';
import { describeStoreContract } from './contract';

const postgres = usePostgres();

describeStoreContract('PostgreSQL', async () => PostgresStore.open(await postgres.freshDatabase(), { now: () => 0, poolSize: 4 }));
