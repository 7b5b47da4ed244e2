/* fake-extract.c — a stand-in for casefile-extract that misbehaves on
 * command, to prove that the case contains a reader that crashes, hangs,
 * eats memory or CPU: the document's name says what to do.
 *   crash*  abort()            hang*   sleep forever
 *   hog*    allocate forever   spin*   burn CPU forever
 *   family* write two children (a text and a ZIP)
 *   anything else: a normal result
 * It speaks the same batch protocol (see src/extract/cf-extract-main.c). */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static void
write_result (const char *dir,
              const char *json,
              const char *text)
{
  g_autofree char *r = g_build_filename (dir, "result.json", NULL);
  g_autofree char *t = g_build_filename (dir, "text.txt", NULL);

  g_file_set_contents (t, text, -1, NULL);
  g_file_set_contents (r, json, -1, NULL);
}

static void
grant_cpu (int seconds)
{
  struct rusage usage;
  struct rlimit limit;

  getrusage (RUSAGE_SELF, &usage);
  getrlimit (RLIMIT_CPU, &limit);
  limit.rlim_cur = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + seconds + 1;
  setrlimit (RLIMIT_CPU, &limit);
}

int
main (int    argc,
      char **argv)
{
  char *line = NULL;
  size_t cap = 0;
  int max_cpu = 0;

  for (int i = 1; i + 1 < argc; i++)
    if (strcmp (argv[i], "--max-cpu") == 0)
      max_cpu = atoi (argv[i + 1]);

  while (getline (&line, &cap, stdin) > 0)
    {
      g_auto(GStrv) f = NULL;

      line[strcspn (line, "\n")] = '\0';
      f = g_strsplit (line, "\t", 4);
      if (g_strv_length (f) != 4)
        return 2;
      if (max_cpu > 0)
        grant_cpu (max_cpu);
      if (g_str_has_prefix (f[2], "crash"))
        abort ();
      if (g_str_has_prefix (f[2], "hang"))
        for (;;)
          sleep (60);
      if (g_str_has_prefix (f[2], "hog"))
        for (GSList *keep = NULL;;)
          keep = g_slist_prepend (keep, g_malloc (16 * 1024 * 1024));
      if (g_str_has_prefix (f[2], "spin"))
        for (volatile guint64 x = 0;; x++)
          ;
      if (g_str_has_prefix (f[2], "family"))
        {
          g_autofree char *c1 = g_build_filename (f[0], "child-000001", NULL);
          g_autofree char *c2 = g_build_filename (f[0], "child-000002", NULL);
          /* The test leaves a ZIP for us to hand back as an attachment. */
          g_autofree char *zip = NULL;
          gsize zip_len = 0;

          g_file_get_contents (g_getenv ("FAKE_EXTRACT_ZIP"), &zip, &zip_len, NULL);
          g_file_set_contents (c1, "첨부 문서", -1, NULL);
          g_file_set_contents (c2, zip ? zip : "", zip_len, NULL);
          write_result (f[0],
                        "{\"extractor\":\"fake\",\"version\":1,\"status\":\"ok\",\"text_status\":\"ok\","
                        "\"metadata\":{\"title\":\"Family head\",\"date\":\"2018-04-02T09:00:00+09:00\","
                        "\"recipients\":[\"a@example.com\",\"b@example.com\"]},\"warnings\":[],"
                        "\"children\":[{\"file\":\"child-000001\",\"name\":\"첨부.txt\",\"type\":\"text/plain\","
                        "\"kind\":\"attachment\"},{\"file\":\"child-000002\",\"name\":\"../../files.zip\","
                        "\"type\":\"application/zip\",\"kind\":\"attachment\"},"
                        "{\"file\":\"../../../etc/passwd\",\"name\":\"escape\",\"type\":\"text/plain\"}]}",
                        "family text");
        }
      else
        write_result (f[0],
                      "{\"extractor\":\"fake\",\"version\":1,\"status\":\"ok\",\"text_status\":\"ok\","
                      "\"metadata\":{\"title\":\"Read fine\",\"author\":\"Fake Reader\","
                      "\"date\":\"2019-05-06\"},\"warnings\":[{\"code\":\"fake\",\"message\":\"read by the fake\"}],"
                      "\"children\":[]}",
                      "plain text");
      fputs ("done\n", stdout);
      fflush (stdout);
    }
  free (line);
  return 0;
}
