/* cf-extract-rtf.h — Outlook's compressed RTF ([MS-OXRTFCP]) and RTF as
 * text: plain RTF, and the HTML or plain text Outlook encapsulates in RTF
 * ([MS-OXRTFEX]). Used for .msg bodies and TNEF bodies. */
#pragma once

#include "cf-extract.h"

G_BEGIN_DECLS

/* Undoes LZFu compression (or unwraps an uncompressed "MELA" stream).
 * Always returns what could be decompressed, at most max bytes; *problem
 * (when not NULL) says why that is not the whole RTF: a cut or damaged
 * stream, a checksum that does not match, the cap. */
GBytes *cf_rtf_decompress (const guint8  *data,
                           gsize          len,
                           gsize          max,
                           char         **problem);

typedef enum
{
  CF_RTF_PLAIN,   /* an RTF document */
  CF_RTF_HTML,    /* \fromhtml1: HTML encapsulated in RTF */
  CF_RTF_TEXT,    /* \fromtext: plain text encapsulated in RTF */
} CfRtfSource;

/* The readable text of an RTF document (at most max bytes of it).
 * \'hh bytes are read in the document's code page (\ansicpg949: CP949),
 * or the font's when a font names a non-Western character set; \uN
 * characters as Unicode. Encapsulated HTML is de-encapsulated and made
 * text. *charset (when not NULL) gets the code page used for the 8-bit
 * text, *source what the RTF held. */
char   *cf_rtf_to_text    (const char    *rtf,
                           gsize          len,
                           gsize          max,
                           char         **charset,
                           CfRtfSource   *source);

G_END_DECLS
