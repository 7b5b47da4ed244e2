/* cf-types.c — text forms of the core enums. */
#include "cf-types.h"

#include <string.h>

static gboolean
lookup (const char  *text,
        const char **names,
        guint        n_names,
        int         *value)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (strcmp (text, names[i]) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

static const char *party_names[] = { "plaintiff", "defendant", "intervenor" };
static const char *numbering_names[] = { "korean", "us" };
static const char *stance_names[] = { "supports", "undermines", "context" };
static const char *side_names[] = { "ours", "theirs" };
static const char *status_names[] = { "ok", "partial", "failed" };

#define DEFINE_TEXT_FORMS(Type, type, names)                            \
  const char *                                                          \
  cf_##type##_to_string (Type value)                                    \
  {                                                                     \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL);  \
    return names[value];                                                \
  }                                                                     \
  gboolean                                                              \
  cf_##type##_from_string (const char *text,                            \
                           Type       *value)                           \
  {                                                                     \
    int v;                                                              \
    if (!lookup (text, names, G_N_ELEMENTS (names), &v))                \
      return FALSE;                                                     \
    *value = (Type) v;                                                  \
    return TRUE;                                                        \
  }

DEFINE_TEXT_FORMS (CfParty, party, party_names)
DEFINE_TEXT_FORMS (CfNumbering, numbering, numbering_names)
DEFINE_TEXT_FORMS (CfStance, stance, stance_names)
DEFINE_TEXT_FORMS (CfSide, side, side_names)
DEFINE_TEXT_FORMS (CfStatus, status, status_names)

const char *
cf_party_exhibit_mark (CfParty party)
{
  static const char *marks[] = { "갑", "을", "병" };

  g_return_val_if_fail ((guint) party < G_N_ELEMENTS (marks), "갑");
  return marks[party];
}

const char *
cf_party_default_prefix (CfParty party)
{
  static const char *prefixes[] = { "PX", "DX", "IX" };

  g_return_val_if_fail ((guint) party < G_N_ELEMENTS (prefixes), "PX");
  return prefixes[party];
}
