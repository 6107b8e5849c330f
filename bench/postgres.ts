import pg from 'pg';

/**
 * A database of its own for one benchmark on the server of `TEST_DATABASE_URL`: its `url`, `fresh()`
 * drops and creates it, `close()` drops it and disconnects.
 */
export async function benchDatabase(name: string) {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  const drop = () => admin.query(`drop database if exists ${name} with (force)`);
  return {
    url: url.toString(),
    async fresh() {
      await drop();
      await admin.query(`create database ${name}`);
    },
    async close() {
      await drop();
      await admin.end();
    },
  };
}
