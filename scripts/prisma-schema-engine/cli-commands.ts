import { databaseName, type DatasourceConfig, prismaConnectionError, quoteIdent, urlForDatabase, withClient } from "./connection";
import { logLine, UserFacingError } from "./errors";
import { createDatabase } from "./engine-methods";

/**
 * `schema-engine --datasource '{"url":…}' cli <command>`: one-shot commands the prisma CLI runs
 * before starting the JSON-RPC engine, e.g. `migrate dev` checks the database exists and offers
 * to create it. The CLI reads failures from stderr: it skips the first line and parses the rest
 * as JSON log lines, looking for an ERROR from `schema_engine::logger` with an `error_code`.
 */
export async function runCliCommand(command: string | undefined, datasource: DatasourceConfig): Promise<number> {
  const url = datasource.url;
  try {
    if (!url) throw new UserFacingError("P1012", "No datasource URL was given (`--datasource`).");
    switch (command) {
      case "can-connect-to-database":
        await withClient(url, (client) => client.query("SELECT 1"));
        return 0;
      case "create-database":
        await createDatabase(url);
        return 0;
      case "drop-database": {
        const name = databaseName(url);
        await withClient(urlForDatabase(url, "postgres"), (client) =>
          client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
        );
        return 0;
      }
      default:
        throw new UserFacingError("P1012", `Unknown schema engine cli command: ${command ?? "(none)"}`);
    }
  } catch (error) {
    const known =
      error instanceof UserFacingError ? { code: error.code, message: error.message } : url && prismaConnectionError(error, url);
    const message = known ? known.message : String((error as Error)?.message ?? error);
    process.stderr.write(`schema-engine (wasm) cli ${command ?? ""} failed\n`);
    process.stderr.write(logLine("ERROR", message, known ? { error_code: known.code } : {}).trimEnd());
    return 1;
  }
}
