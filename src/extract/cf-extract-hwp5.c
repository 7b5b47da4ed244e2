/* cf-extract-hwp5.c — HWP 5, Hangul's binary format: an OLE compound file
 * (read with libgsf) whose "FileHeader" stream carries the signature,
 * version and flags, whose "BodyText/SectionN" streams hold the body as
 * records — raw-deflated when the compressed flag is set — and whose
 * "\005HwpSummaryInformation" property set holds title, author and dates.
 *
 * Sections are streamed: decompressed a window at a time, records parsed
 * as they come, never trusting a declared size (a record claiming 4 GiB
 * is skipped byte by byte as the data really arrives). What one section
 * may expand to is capped, against zlib bombs. A damaged or cut section
 * keeps the text read before the damage and says where it stopped.
 *
 * Text is in PARA_TEXT records, UTF-16LE. Code units below 32 are
 * controls: some stand for one character (paragraph end, line break,
 * special spaces), the others — including the tab — are "inline" or
 * "extended" controls that occupy eight code units (the code, six units
 * of parameters or a pointer to a control record, the code again), which
 * must be skipped whole or their parameters read as text.
 *
 * Password-protected and distribution (배포용) documents keep their body
 * encrypted: recorded as encrypted, with the properties, which stay
 * readable. */
#define G_LOG_DOMAIN "casefile-extract"

#include "cf-extract-ole.h"
#include "cf-extract-readers.h"
#include "cf-extract-xml.h"
#include "cf-extract-zip.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#define HWPTAG_BEGIN        16
#define HWPTAG_PARA_HEADER  (HWPTAG_BEGIN + 50)
#define HWPTAG_PARA_TEXT    (HWPTAG_BEGIN + 51)

/* FileHeader properties (HWP 5.0 format, table 3). */
#define HWP_COMPRESSED      (1u << 0)
#define HWP_PASSWORD        (1u << 1)
#define HWP_DISTRIBUTION    (1u << 2)
#define HWP_DRM             (1u << 4)
#define HWP_CERT_ENCRYPTED  (1u << 8)
#define HWP_CERT_DRM        (1u << 10)

#define SECTION_CAP (G_GUINT64_CONSTANT (512) * 1024 * 1024)
#define TOTAL_CAP   (G_GUINT64_CONSTANT (2048) * 1024 * 1024)
#define MAX_SECTIONS 4096
#define WINDOW 65536

typedef struct
{
  GsfInput *in;
  gboolean compressed;
  z_stream z;
  gboolean z_ready;
  guint8 in_buf[WINDOW];
  guint8 out_buf[WINDOW];
  gsize out_len;
  gsize out_pos;
  guint64 produced;
  guint64 cap;
  gboolean eof;
  gboolean capped;
  char *damage;       /* why the stream ended early, if it did */
} Stream;

static guint32
rd32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static void
stream_damaged (Stream     *s,
                const char *why)
{
  if (s->damage == NULL)
    s->damage = g_strdup (why);
  s->eof = TRUE;
}

/* Refills the window with the next decompressed (or raw) bytes; FALSE at
 * the end, at the cap or at damage. */
static gboolean
stream_fill (Stream *s)
{
  while (!s->eof)
    {
      gsize got;

      if (s->produced >= s->cap)
        {
          s->capped = TRUE;
          s->eof = TRUE;
          break;
        }
      if (!s->compressed)
        {
          gsf_off_t left = gsf_input_remaining (s->in);
          gsize n = MIN ((guint64) MAX (left, 0), sizeof s->out_buf);

          if (n == 0)
            {
              s->eof = TRUE;
              break;
            }
          if (gsf_input_read (s->in, n, s->out_buf) == NULL)
            {
              stream_damaged (s, "the stream cannot be read to its end");
              break;
            }
          got = n;
        }
      else
        {
          int r;

          if (s->z.avail_in == 0)
            {
              gsf_off_t left = gsf_input_remaining (s->in);
              gsize n = MIN ((guint64) MAX (left, 0), sizeof s->in_buf);

              if (n > 0 && gsf_input_read (s->in, n, s->in_buf) == NULL)
                {
                  stream_damaged (s, "the stream cannot be read to its end");
                  break;
                }
              s->z.next_in = s->in_buf;
              s->z.avail_in = n;
            }
          s->z.next_out = s->out_buf;
          s->z.avail_out = sizeof s->out_buf;
          r = inflate (&s->z, Z_NO_FLUSH);
          got = sizeof s->out_buf - s->z.avail_out;
          if (r == Z_STREAM_END)
            s->eof = TRUE;
          else if (r == Z_BUF_ERROR && s->z.avail_in == 0 && gsf_input_remaining (s->in) <= 0)
            stream_damaged (s, "the compressed data is cut short");
          else if (r != Z_OK && r != Z_BUF_ERROR)
            stream_damaged (s, s->z.msg ? s->z.msg : "the compressed data is damaged");
        }
      if (got > s->cap - s->produced)
        {
          got = s->cap - s->produced;
          s->capped = TRUE;
          s->eof = TRUE;
        }
      s->produced += got;
      s->out_len = got;
      s->out_pos = 0;
      if (got > 0)
        return TRUE;
    }
  return FALSE;
}

/* Copies (or, with buf NULL, skips) up to n bytes; fewer only at the
 * end. */
static guint64
stream_read (Stream  *s,
             guint8  *buf,
             guint64  n)
{
  guint64 done = 0;

  while (done < n)
    {
      gsize chunk;

      if (s->out_pos == s->out_len && !stream_fill (s))
        break;
      chunk = MIN (n - done, s->out_len - s->out_pos);
      if (buf != NULL)
        memcpy (buf + done, s->out_buf + s->out_pos, chunk);
      s->out_pos += chunk;
      done += chunk;
    }
  return done;
}

/* PARA_TEXT, decoded as it streams. */
typedef struct
{
  CfTextSink *sink;
  GString *run;
  guint skip;          /* code units of an inline/extended control still to skip */
  gunichar high;       /* a high surrogate waiting for its low half */
} Para;

static void
para_flush (Para *p)
{
  if (p->run->len > 0)
    cf_text_sink_text (p->sink, p->run->str, p->run->len);
  g_string_truncate (p->run, 0);
}

static void
para_unit (Para    *p,
           guint16  u)
{
  if (p->skip > 0)
    {
      p->skip--;
      return;
    }
  if (p->high != 0 && (u < 0xDC00 || u >= 0xE000))
    {
      g_string_append_unichar (p->run, 0xFFFD);
      p->high = 0;
    }
  if (u >= 32)
    {
      if (u >= 0xD800 && u < 0xDC00)
        p->high = u;
      else if (u >= 0xDC00 && u < 0xE000)
        {
          g_string_append_unichar (p->run, p->high ? 0x10000 + ((p->high - 0xD800) << 10) + (u - 0xDC00)
                                                   : 0xFFFD);
          p->high = 0;
        }
      else
        g_string_append_unichar (p->run, u);
      return;
    }
  switch (u)
    {
    case 0:            /* unused */
    case 25: case 26: case 27: case 28: case 29:  /* reserved */
      break;
    case 10:           /* line break */
      g_string_append_c (p->run, '\n');
      break;
    case 13:           /* paragraph end */
      para_flush (p);
      cf_text_sink_owe (p->sink, '\n');
      break;
    case 24:           /* hyphen */
      g_string_append_c (p->run, '-');
      break;
    case 30:           /* keep-together space */
    case 31:           /* fixed-width space */
      g_string_append_c (p->run, ' ');
      break;
    case 9:            /* tab: an inline control */
      g_string_append_c (p->run, '\t');
      p->skip = 7;
      break;
    default:           /* 1–8, 11, 12, 14–23: inline and extended controls */
      p->skip = 7;
      break;
    }
}

/* Reads one PARA_TEXT record of size bytes; FALSE when the stream ended
 * inside it. */
static gboolean
para_text (Stream     *s,
           CfTextSink *sink,
           guint64     size)
{
  g_autoptr(GString) run = g_string_new (NULL);
  Para p = { sink, run, 0, 0 };
  guint8 chunk[WINDOW];
  guint64 left = size;

  while (left > 0)
    {
      guint64 want = MIN (left, sizeof chunk);
      guint64 got = stream_read (s, chunk, want);

      for (guint64 i = 0; i + 1 < got; i += 2)
        para_unit (&p, chunk[i] | (chunk[i + 1] << 8));
      para_flush (&p);
      left -= got;
      if (got < want)
        return FALSE;
    }
  return TRUE;
}

static void
read_section (GsfInput        *in,
              gboolean         compressed,
              guint            number,
              guint64         *total,
              CfTextSink      *sink,
              CfExtractResult *result)
{
  g_autofree Stream *s = g_new0 (Stream, 1);
  gboolean cut = FALSE;

  s->in = in;
  s->compressed = compressed;
  s->cap = MIN (SECTION_CAP, TOTAL_CAP - MIN (*total, TOTAL_CAP));
  if (compressed)
    {
      /* Raw deflate: no zlib header, hence the negative window bits. */
      if (inflateInit2 (&s->z, -15) != Z_OK)
        {
          cf_extract_result_warn (result, "hwp-section", "Section%u cannot be decompressed", number);
          return;
        }
      s->z_ready = TRUE;
    }

  for (;;)
    {
      guint8 header[4];
      guint64 n = stream_read (s, header, 4);
      guint32 tag;
      guint64 size;

      if (n == 0)
        break;
      if (n < 4)
        {
          cut = TRUE;
          break;
        }
      tag = rd32 (header) & 0x3FF;
      size = rd32 (header) >> 20;
      /* A size of 0xFFF means the real one follows. */
      if (size == 0xFFF)
        {
          if (stream_read (s, header, 4) < 4)
            {
              cut = TRUE;
              break;
            }
          size = rd32 (header);
        }
      if (tag == HWPTAG_PARA_TEXT)
        {
          if (!para_text (s, sink, size))
            {
              cut = TRUE;
              break;
            }
          continue;
        }
      if (tag == HWPTAG_PARA_HEADER)
        cf_text_sink_owe (sink, '\n');
      if (stream_read (s, NULL, size) < size)
        {
          cut = TRUE;
          break;
        }
    }

  *total += s->produced;
  if (s->capped)
    cf_extract_result_warn (result, "hwp-section-capped",
                            "Section%u expands to more than %" G_GUINT64_FORMAT " MiB (a "
                            "compression bomb?); it was read only that far", number,
                            s->cap / (1024 * 1024));
  else if (s->damage != NULL || cut)
    cf_extract_result_warn (result, "hwp-section-damaged",
                            "Section%u is damaged after %" G_GUINT64_FORMAT " bytes (%s); the "
                            "text before that is kept", number, s->produced,
                            s->damage ? s->damage : "a record is cut short");
  if (s->z_ready)
    inflateEnd (&s->z);
  g_free (s->damage);
}

typedef struct
{
  guint number;
  int index;
} SectionRef;

static int
compare_refs (gconstpointer a,
              gconstpointer b)
{
  const SectionRef *x = a, *y = b;

  return x->number < y->number ? -1 : x->number > y->number;
}

static void
read_body (CfOle           *ole,
           gboolean         compressed,
           CfTextSink      *sink,
           CfExtractResult *result)
{
  g_autoptr(GsfInput) body = cf_ole_child (ole, "BodyText");
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (SectionRef));
  guint64 total = 0;
  int n;

  if (body == NULL || !cf_ole_is_storage (body))
    {
      cf_extract_result_warn (result, "hwp-no-body", "The document has no body (BodyText)");
      return;
    }
  n = gsf_infile_num_children (GSF_INFILE (body));
  for (int i = 0; i < n && refs->len < MAX_SECTIONS; i++)
    {
      const char *name = gsf_infile_name_by_index (GSF_INFILE (body), i);
      SectionRef ref = { 0, i };
      char extra;

      if (name != NULL && sscanf (name, "Section%u%c", &ref.number, &extra) == 1)
        g_array_append_val (refs, ref);
    }
  g_array_sort (refs, compare_refs);

  for (guint i = 0; i < refs->len; i++)
    {
      SectionRef *ref = &g_array_index (refs, SectionRef, i);
      g_autoptr(GsfInput) section = gsf_infile_child_by_index (GSF_INFILE (body), ref->index);

      if (i > 0)
        cf_text_sink_page (sink);
      if (section == NULL || cf_ole_is_storage (section))
        {
          cf_extract_result_warn (result, "hwp-section-damaged", "Section%u cannot be opened",
                                  ref->number);
          continue;
        }
      if (total >= TOTAL_CAP)
        {
          cf_extract_result_warn (result, "hwp-section-capped", "The sections expand to more than "
                                  "%" G_GUINT64_FORMAT " MiB together; the rest was not read",
                                  TOTAL_CAP / (1024 * 1024));
          break;
        }
      read_section (section, compressed, ref->number, &total, sink, result);
    }
  if (refs->len == 0)
    cf_extract_result_warn (result, "hwp-no-body", "The document's body holds no sections");
  else
    cf_extract_result_set_int (result, "sections", refs->len);
}

gboolean
cf_extract_hwp (const CfExtractInput  *input,
                CfExtractResult       *result,
                GError               **error)
{
  g_autoptr(CfOle) ole = NULL;
  g_autoptr(GsfInput) file_header = NULL;
  g_autoptr(GBytes) header = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *version = NULL;
  const guint8 *h;
  gsize len;
  guint32 v, flags;
  guint8 head[32];
  CfTextSink sink;

  cf_extract_result_set_extractor (result, "hwp", 1);
  cf_extract_sniff (input->path, head, sizeof head);
  if (cf_extract_is_zip (head, sizeof head))
    return cf_extract_hwpx (input, result, error);
  if (memcmp (head, "HWP Document File V3", 20) == 0)
    {
      cf_extract_result_set_text_status (result, CF_TEXT_UNSUPPORTED);
      cf_extract_result_set_problem (result, "This is an HWP 3 document (Hangul 97 or older); Casefile "
                                             "reads HWP 5 and HWPX only");
      return TRUE;
    }
  if (!cf_extract_is_ole (head, sizeof head))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not an HWP document (not an OLE compound file)");
      return FALSE;
    }
  ole = cf_ole_open (input->path, result, &local_error);
  if (ole == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not an HWP document: %s",
                   local_error->message);
      return FALSE;
    }

  file_header = cf_ole_child (ole, "FileHeader");
  if (file_header == NULL)
    {
      g_autoptr(GsfInput) word = cf_ole_child (ole, "WordDocument");

      /* A Word file under an HWP name is still a Word file. */
      if (word != NULL)
        {
          g_clear_pointer (&ole, cf_ole_free);
          return cf_extract_ole_legacy (input, result, error);
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not an HWP document (an OLE file without an HWP FileHeader)");
      return FALSE;
    }
  header = cf_ole_is_storage (file_header) ? NULL : cf_ole_read_stream (file_header, 4096, NULL);
  h = header ? g_bytes_get_data (header, &len) : NULL;
  if (h == NULL || len < 40 || memcmp (h, "HWP Document File", 17) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Not an HWP document (its FileHeader has no HWP signature)");
      return FALSE;
    }
  v = rd32 (h + 32);
  flags = rd32 (h + 36);
  version = g_strdup_printf ("%u.%u.%u.%u", v >> 24, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
  cf_extract_result_set_string (result, "format_version", version);
  if (v >> 24 != 5)
    cf_extract_result_warn (result, "hwp-version", "The document says it is HWP %s; this reader "
                            "knows HWP 5", version);

  cf_ole_read_summary (ole, "\005HwpSummaryInformation", result);

  if (flags & (HWP_PASSWORD | HWP_DISTRIBUTION | HWP_DRM | HWP_CERT_ENCRYPTED | HWP_CERT_DRM))
    {
      cf_extract_result_set_text_status (result, CF_TEXT_ENCRYPTED);
      if (flags & HWP_DISTRIBUTION)
        cf_extract_result_set_problem (result, "This is a distribution document (배포용 문서): Hangul "
                                               "keeps its text encrypted; it cannot be read");
      else if (flags & HWP_PASSWORD)
        cf_extract_result_set_problem (result, "The HWP document is encrypted with a password; its "
                                               "text cannot be read without it");
      else
        cf_extract_result_set_problem (result, "The HWP document is protected by DRM or a "
                                               "certificate; its text cannot be read");
      return TRUE;
    }

  cf_text_sink_init (&sink, result);
  read_body (ole, (flags & HWP_COMPRESSED) != 0, &sink, result);
  cf_text_sink_finish (&sink);
  cf_extract_result_set_text_status (result, sink.visible > 0 ? CF_TEXT_OK : CF_TEXT_NONE);
  return TRUE;
}
