#include "SQLiteSettings.h"
#include "sqlite_nio_sqlite3.h"

int freshground_sqlite_keep_plans(void *connection) {
    int enabled = 0;
    return sqlite_nio_sqlite3_db_config((sqlite3 *)connection, SQLITE_DBCONFIG_ENABLE_QPSG, 1, &enabled);
}
