/* cf-extract-sandbox.c — Landlock for the extraction helper.
 *
 * The parser libraries read attacker-controlled bytes. Their process
 * already runs with memory, CPU and file size limits; Landlock also takes
 * away the right to write anywhere but the output folder, so a subverted
 * parser cannot touch the case, the user's files or anything else. Kernels
 * without Landlock (or with it disabled) run the helper unrestricted; that
 * is recorded nowhere because nothing about the result depends on it. */
#define G_LOG_DOMAIN "casefile-extract"

#include <glib.h>

#include "cf-extract-sandbox.h"

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

void
cf_extract_sandbox_enter (const char *output_dir)
{
#if defined(SYS_landlock_create_ruleset) && defined(LANDLOCK_CREATE_RULESET_VERSION)
  struct landlock_ruleset_attr attr = { 0 };
  struct landlock_path_beneath_attr beneath = { 0 };
  guint64 writes;
  int abi, ruleset;

  abi = syscall (SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 1)
    return;

  writes = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
           LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
           LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
           LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
           LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
#ifdef LANDLOCK_ACCESS_FS_REFER
  if (abi >= 2)
    writes |= LANDLOCK_ACCESS_FS_REFER;
#endif
#ifdef LANDLOCK_ACCESS_FS_TRUNCATE
  if (abi >= 3)
    writes |= LANDLOCK_ACCESS_FS_TRUNCATE;
#endif
  attr.handled_access_fs = writes;
  ruleset = syscall (SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (ruleset < 0)
    return;

  beneath.allowed_access = writes;
  beneath.parent_fd = open (output_dir, O_PATH | O_CLOEXEC | O_DIRECTORY);
  if (beneath.parent_fd < 0 ||
      syscall (SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0) != 0 ||
      prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      syscall (SYS_landlock_restrict_self, ruleset, 0) != 0)
    g_debug ("Landlock is not available here");
  if (beneath.parent_fd >= 0)
    close (beneath.parent_fd);
  close (ruleset);
#endif
}
