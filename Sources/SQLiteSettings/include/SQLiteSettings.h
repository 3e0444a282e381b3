#ifndef FRESHGROUND_SQLITE_SETTINGS_H
#define FRESHGROUND_SQLITE_SETTINGS_H

/// Turns on SQLite's query planner stability guarantee for one connection (SQLITE_DBCONFIG_ENABLE_QPSG).
///
/// Without it, a statement whose plan looked at a bound value (a `LIMIT ?`, a term that might match a partial
/// index) is marked stale whenever that value is bound again, and SQLite parses and plans it anew on the next
/// step: a kept statement is then no cheaper than a fresh one. With it, plans never depend on bound values, so a
/// kept statement stays prepared. `sqlite3_db_config` takes variable arguments, which Swift cannot call, hence
/// this C function. Returns SQLite's result code.
int freshground_sqlite_keep_plans(void *connection);

#endif
