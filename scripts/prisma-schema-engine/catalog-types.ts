import { ColumnTypeEnum, type SqlDriverAdapter, type SqlQueryable } from "@prisma/driver-adapter-utils";
import pg from "pg";

/**
 * @prisma/adapter-pg maps every result column's type OID to a Prisma column type and throws
 * `UnsupportedNativeDataType` for built-in types it does not know. The application never selects
 * those, but the schema engine reads the PostgreSQL catalogs, whose columns use internal types
 * (`"char"` for pg_constraint.contype, `regtype`, `regclass`, vectors…; prisma/orm#27403).
 * pg already returns these values as strings (it has no parser for them), so relabelling the
 * column as `text` is exact, except for `"char"`: the engine reads it as a Rust `char` and
 * panics on a text value. pg gives a one-character string for it, so those columns are
 * relabelled `text` for adapter-pg and then reported to the engine as `Character`.
 */
const TEXT_OID = 25;
const CHAR_OID = 18;

/**
 * adapter-pg passes pg's `rows` array through to its result set untouched, so a symbol on that
 * array is how the positions of `"char"` columns travel from the pg client to `queryRaw` below.
 */
const CHAR_COLUMNS = Symbol("charColumns");
type TaggedRows = unknown[] & { [CHAR_COLUMNS]?: number[] };

/** Built-in scalar types that adapter-pg rejects but that are text-shaped on the wire. */
const CATALOG_TEXT_OIDS = new Set<number>([
  18, // "char"
  19, // name (handled by adapter-pg 7.10, kept in case an older adapter is installed)
  22, // int2vector, e.g. pg_index.indkey, as "1 2"
  24, // regproc
  28, // xid
  29, // cid
  30, // oidvector
  194, // pg_node_tree
  705, // unknown: the type of an untyped literal such as SELECT 'x'
  1033, // aclitem
  2202, // regprocedure
  2203, // regoper
  2204, // regoperator
  2205, // regclass
  2206, // regtype
  3220, // pg_lsn
  3734, // regconfig
  3769, // regdictionary
  4089, // regnamespace
  4096, // regrole
  5069, // xid8
]);

/** Mutates a pg result in place so adapter-pg sees only types it understands. */
export function presentCatalogTypesAsText<T>(result: T): T {
  // Multi-statement queries resolve to an array of results.
  for (const single of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (single ?? {}) as Partial<pg.QueryResult>;
    if (!Array.isArray(fields)) continue;
    const charColumns: number[] = [];
    fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) charColumns.push(index);
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    });
    if (charColumns.length > 0 && Array.isArray(rows)) (rows as TaggedRows)[CHAR_COLUMNS] = charColumns;
  }
  return result;
}

type QueryArgs = Parameters<pg.Client["query"]>;

/**
 * A pg.Client whose query results go through `presentCatalogTypesAsText`. Passed to pg.Pool as
 * its `Client`, so it covers both pool.query (what adapter-pg uses outside transactions) and the
 * checked-out clients adapter-pg uses for transactions. Patching results rather than catching
 * the adapter's error matters: by the time adapter-pg throws, the statement has already run,
 * and re-running it could repeat a side effect.
 */
export class CatalogFriendlyClient extends pg.Client {
  // pg's overloads cannot be expressed by an override signature; the runtime contract is
  // "callback last, otherwise a promise (or a Submittable, returned untouched)".
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    const callback = typeof last === "function" ? (args.pop() as (err: Error | null, res?: unknown) => void) : undefined;
    const outcome = (super.query as (...a: QueryArgs) => unknown)(...(args as QueryArgs));
    if (!(outcome instanceof Promise)) return outcome;
    const fixed = outcome.then(presentCatalogTypesAsText);
    if (!callback) return fixed;
    fixed.then(
      (res) => callback(null, res),
      (err: Error) => callback(err),
    );
    return undefined;
  }
}

/** Reports `"char"` columns as `Character`, on the adapter and on the transactions it starts. */
export function reportCharColumns<T extends SqlDriverAdapter>(adapter: T): T {
  patchQueryRaw(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => patchQueryRaw(await startTransaction(...args));
  return adapter;
}

function patchQueryRaw<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const index of (resultSet.rows as TaggedRows)[CHAR_COLUMNS] ?? []) {
      resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return resultSet;
  };
  return queryable;
}
