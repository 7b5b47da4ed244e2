/* cf-case-lock.c — the writer lock of a case (see cf-case-lock.h). */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-case-lock.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cf-error.h"
#include "cf-fsutil.h"

struct _CfCaseLock
{
  int fd;
};

static gboolean
try_lock (int fd,
          short type)
{
  struct flock fl = { 0 };

  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = 0;
  fl.l_len = 0;
  return fcntl (fd, F_OFD_SETLK, &fl) == 0;
}

static char *
read_holder_text (int fd)
{
  char buf[1024];
  gssize n = pread (fd, buf, sizeof buf - 1, 0);

  if (n <= 0)
    return NULL;
  buf[n] = '\0';
  return g_strdup (buf);
}

/* "alice on host1 (casefile-cli, pid 1234) since 2026-11-28T10:22:47Z" */
static char *
describe (const char *text)
{
  g_auto(GStrv) lines = NULL;
  const char *user = "someone", *host = "an unknown host", *pid = "?", *program = "Casefile";
  const char *since = "an unknown time";

  if (text == NULL)
    return g_strdup ("another Casefile process");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *eq = strchr (lines[i], '=');

      if (eq == NULL)
        continue;
      *eq = '\0';
      if (strcmp (lines[i], "user") == 0)
        user = eq + 1;
      else if (strcmp (lines[i], "host") == 0)
        host = eq + 1;
      else if (strcmp (lines[i], "pid") == 0)
        pid = eq + 1;
      else if (strcmp (lines[i], "program") == 0)
        program = eq + 1;
      else if (strcmp (lines[i], "since") == 0)
        since = eq + 1;
    }
  return g_strdup_printf ("%s on %s (%s, pid %s) since %s", user, host, program, pid, since);
}

CfCaseLock *
cf_case_lock_acquire (const char  *case_dir,
                      char       **previous_holder,
                      GError     **error)
{
  g_autofree char *path = g_build_filename (case_dir, "lock", NULL);
  g_autofree char *text = NULL;
  g_autofree char *now = NULL;
  g_autofree char *old = NULL;
  const char *program;
  CfCaseLock *lock;
  int fd;

  if (previous_holder)
    *previous_holder = NULL;

  fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0)
    {
      if (errno == EROFS || errno == EACCES || errno == EPERM)
        g_set_error (error, CF_ERROR, CF_ERROR_READ_ONLY,
                     "The case folder cannot be written (%s); open it read-only.",
                     g_strerror (errno));
      else
        cf_set_error_from_errno (error, errno, "Could not open the case lock %s", path);
      return NULL;
    }

  if (!try_lock (fd, F_WRLCK))
    {
      int saved = errno;
      g_autofree char *holder = NULL;

      if (saved != EAGAIN && saved != EACCES)
        {
          cf_set_error_from_errno (error, saved, "Could not lock the case");
          close (fd);
          return NULL;
        }
      text = read_holder_text (fd);
      holder = describe (text);
      g_set_error (error, CF_ERROR, CF_ERROR_LOCKED,
                   "The case is open in another program: %s. Close it there first, "
                   "or open the case read-only.", holder);
      close (fd);
      return NULL;
    }

  /* We hold the lock. Text left in the file means the previous holder died
   * without releasing: that is a crash worth recording. */
  old = read_holder_text (fd);
  if (old != NULL && previous_holder)
    *previous_holder = describe (old);

  program = g_get_prgname () ? g_get_prgname () : "casefile";
  now = cf_utc_now_iso ();
  text = g_strdup_printf ("user=%s\nhost=%s\npid=%d\nprogram=%s\nsince=%s\n",
                          g_get_user_name (), g_get_host_name (), (int) getpid (),
                          program, now);
  if (ftruncate (fd, 0) != 0 ||
      pwrite (fd, text, strlen (text), 0) != (gssize) strlen (text))
    {
      cf_set_error_from_errno (error, errno, "Could not write the case lock %s", path);
      close (fd);
      return NULL;
    }

  lock = g_new0 (CfCaseLock, 1);
  lock->fd = fd;
  return lock;
}

void
cf_case_lock_release (CfCaseLock *lock)
{
  if (lock == NULL)
    return;
  /* Emptying the file first tells the next holder this was a clean exit. */
  if (ftruncate (lock->fd, 0) != 0)
    g_debug ("Could not empty the case lock: %s", g_strerror (errno));
  close (lock->fd);
  g_free (lock);
}

char *
cf_case_lock_describe_holder (const char *case_dir)
{
  g_autofree char *path = g_build_filename (case_dir, "lock", NULL);
  g_autofree char *text = NULL;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    return NULL;
  {
    struct flock fl = { 0 };

    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl (fd, F_OFD_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
      {
        close (fd);
        return NULL;
      }
  }
  text = read_holder_text (fd);
  close (fd);
  return describe (text);
}
