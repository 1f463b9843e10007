#ifndef KH_CYAML_SHIM_H
#define KH_CYAML_SHIM_H
#include <yaml.h>
#endif
