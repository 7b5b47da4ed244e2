/* cf-case-recovery.h — what a writer does on opening a case after a crash:
 * remove temporary files, finish interrupted imports by removing the
 * objects they stored but never recorded, and log what it did. */
#pragma once

#include "cf-case.h"

G_BEGIN_DECLS

gboolean cf_case_recover (CfCase      *self,
                          const char  *previous_holder,
                          char       **note,
                          GError     **error);

G_END_DECLS
