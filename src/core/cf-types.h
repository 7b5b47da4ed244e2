/* cf-types.h — the small enums of the trade (party, numbering style,
 * stance, side, status) and their stable text forms, which are what the
 * database, the CLI and the bundle use. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CF_PARTY_PLAINTIFF,   /* 갑 */
  CF_PARTY_DEFENDANT,   /* 을 */
  CF_PARTY_INTERVENOR,  /* 병 */
} CfParty;

typedef enum
{
  CF_NUMBERING_KOREAN,  /* 갑 제1호증의 2 */
  CF_NUMBERING_US,      /* PX-0001.2 */
} CfNumbering;

typedef enum
{
  CF_STANCE_SUPPORTS,
  CF_STANCE_UNDERMINES,
  CF_STANCE_CONTEXT,
} CfStance;

typedef enum
{
  CF_SIDE_OURS,
  CF_SIDE_THEIRS,
} CfSide;

typedef enum
{
  CF_STATUS_OK,
  CF_STATUS_PARTIAL,   /* stored, but something inside could not be read */
  CF_STATUS_FAILED,    /* could not be read or stored at all */
} CfStatus;

const char *cf_party_to_string      (CfParty      party);
gboolean    cf_party_from_string    (const char  *text,
                                     CfParty     *party);
/* 갑, 을 or 병 */
const char *cf_party_exhibit_mark   (CfParty      party);
/* PX, DX or IX: the default US prefix of a party */
const char *cf_party_default_prefix (CfParty      party);

const char *cf_numbering_to_string   (CfNumbering  numbering);
gboolean    cf_numbering_from_string (const char  *text,
                                      CfNumbering *numbering);

const char *cf_stance_to_string   (CfStance     stance);
gboolean    cf_stance_from_string (const char  *text,
                                   CfStance    *stance);

const char *cf_side_to_string   (CfSide       side);
gboolean    cf_side_from_string (const char  *text,
                                 CfSide      *side);

const char *cf_status_to_string   (CfStatus     status);
gboolean    cf_status_from_string (const char  *text,
                                   CfStatus    *status);

G_END_DECLS
