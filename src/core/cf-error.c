/* cf-error.c — the error domain of the Casefile core. */
#include "cf-error.h"

G_DEFINE_QUARK (casefile-error-quark, cf_error)
