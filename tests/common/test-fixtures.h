/* test-fixtures.h — builders for the files tests feed to Casefile: ZIPs
 * written byte by byte (so a test controls the raw name bytes, the UTF-8
 * flag, encryption flags, CRCs and symlink attributes that real tools get
 * wrong or refuse to write), TARs through libarchive, and text in legacy
 * Korean encodings. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TU_ZIP_STORE     = 0,
  TU_ZIP_DEFLATE   = 1 << 0,  /* raw deflate (method 8) */
  TU_ZIP_UTF8_FLAG = 1 << 1,  /* general purpose bit 11 */
  TU_ZIP_ENCRYPTED = 1 << 2,  /* bit 0 set; the data is not really encrypted */
  TU_ZIP_SYMLINK   = 1 << 3,  /* Unix mode 0120777 in the external attributes */
  TU_ZIP_BAD_CRC   = 1 << 4,  /* a CRC-32 that does not match the data */
  TU_ZIP_DIRECTORY = 1 << 5,  /* a folder entry (name should end in /) */
} TuZipFlags;

typedef struct _TuZip TuZip;

TuZip  *tu_zip_new        (void);
/* raw_name is written as is (name_len < 0: strlen). */
void    tu_zip_add        (TuZip        *zip,
                           const char   *raw_name,
                           gssize        name_len,
                           const void   *data,
                           gsize         len,
                           TuZipFlags    flags);
/* The whole archive; frees zip. */
GBytes *tu_zip_finish     (TuZip        *zip);
void    tu_zip_write      (TuZip        *zip,
                           const char   *path);
/* Drops the last cut bytes: a truncated archive. */
void    tu_zip_write_truncated (TuZip   *zip,
                                const char *path,
                                gsize     cut);

/* One member of `expanded` zero bytes, deflated: a ratio bomb. */
GBytes *tu_zip_ratio_bomb (guint64       expanded);
/* A ZIP holding a ZIP holding … depth levels, the innermost holding a
 * small text file. */
GBytes *tu_zip_nested     (guint         depth);

typedef enum
{
  TU_TAR_FILE,
  TU_TAR_SYMLINK,
  TU_TAR_HARDLINK,
  TU_TAR_FIFO,
  TU_TAR_DIR,
} TuTarKind;

typedef struct
{
  TuTarKind kind;
  const char *name;       /* raw bytes, as written */
  const char *data;       /* file content, or link target */
} TuTarEntry;

/* Writes a ustar/pax TAR (gzip-compressed when the path ends in .gz). */
void    tu_tar_write      (const char       *path,
                           const TuTarEntry *entries,
                           guint             n_entries);

/* A small valid PDF: one page showing text (ASCII, Helvetica) and an Info
 * dictionary with the title, author and creation date (D:YYYYMMDDHHmmSS). */
GBytes *tu_minimal_pdf    (const char   *title,
                           const char   *author,
                           const char   *pdf_date,
                           const char   *text);

/* Converts UTF-8 to CP949 bytes (the caller frees). */
char   *tu_to_cp949       (const char   *utf8,
                           gsize        *len);
/* UTF-8 to NFD (macOS file names). */
char   *tu_to_nfd         (const char   *utf8);

G_END_DECLS
