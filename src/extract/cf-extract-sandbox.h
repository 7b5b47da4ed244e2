/* cf-extract-sandbox.h — narrowing what the helper may do before it
 * parses anything hostile. */
#pragma once

G_BEGIN_DECLS

/* From now on the process may create or change files only inside
 * output_dir (Landlock, where the kernel has it; otherwise nothing
 * changes and the case's other limits still hold). */
void cf_extract_sandbox_enter (const char *output_dir);

G_END_DECLS
