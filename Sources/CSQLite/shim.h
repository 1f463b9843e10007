#ifndef KH_CSQLITE_SHIM_H
#define KH_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
