#ifndef JINJIBU_CLIBPQ_SHIM_H
#define JINJIBU_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
