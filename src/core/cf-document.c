/* cf-document.c — a snapshot of one document row, as a GObject so that list
 * widgets can bind to its properties. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-document-private.h"

struct _CfDocument
{
  GObject parent_instance;
  CfDocumentData d;
};

G_DEFINE_FINAL_TYPE (CfDocument, cf_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PARENT_ID,
  PROP_NAME,
  PROP_SOURCE,
  PROP_SHA256,
  PROP_SIZE,
  PROP_MIME_TYPE,
  PROP_STATUS,
  PROP_PROBLEM,
  PROP_TITLE,
  PROP_DATE,
  PROP_AUTHOR,
  PROP_PRIVILEGED,
  PROP_EXHIBIT,
  PROP_N_CHILDREN,
  PROP_N_CLAIMS,
  PROP_TEXT_STATUS,
  PROP_RECIPIENTS,
  PROP_PAGES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cf_document_finalize (GObject *object)
{
  CfDocument *self = (CfDocument *)object;

  g_free (self->d.name);
  g_free (self->d.name_encoding);
  g_free (self->d.source);
  g_free (self->d.sha256);
  g_free (self->d.modified);
  g_free (self->d.mime_type);
  g_free (self->d.problem);
  g_free (self->d.title);
  g_free (self->d.date);
  g_free (self->d.author);
  g_free (self->d.privilege_basis);
  g_free (self->d.imported);
  g_free (self->d.exhibit);
  g_free (self->d.text_status);
  g_free (self->d.recipients);

  G_OBJECT_CLASS (cf_document_parent_class)->finalize (object);
}

static void
cf_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CfDocument *self = CF_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->d.id);
      break;
    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->d.parent_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->d.name);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->d.source);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->d.sha256);
      break;
    case PROP_SIZE:
      g_value_set_uint64 (value, self->d.size);
      break;
    case PROP_MIME_TYPE:
      g_value_set_string (value, self->d.mime_type);
      break;
    case PROP_STATUS:
      g_value_set_string (value, cf_status_to_string (self->d.status));
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->d.problem);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->d.title);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->d.date);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->d.author);
      break;
    case PROP_PRIVILEGED:
      g_value_set_boolean (value, self->d.privileged);
      break;
    case PROP_EXHIBIT:
      g_value_set_string (value, self->d.exhibit);
      break;
    case PROP_N_CHILDREN:
      g_value_set_uint (value, self->d.n_children);
      break;
    case PROP_N_CLAIMS:
      g_value_set_uint (value, self->d.n_claims);
      break;
    case PROP_TEXT_STATUS:
      g_value_set_string (value, self->d.text_status);
      break;
    case PROP_RECIPIENTS:
      g_value_set_string (value, self->d.recipients);
      break;
    case PROP_PAGES:
      g_value_set_uint (value, self->d.pages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cf_document_class_init (CfDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cf_document_finalize;
  object_class->get_property = cf_document_get_property;

  properties [PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_PARENT_ID] = g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties [PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, flags);
  properties [PROP_SIZE] = g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties [PROP_MIME_TYPE] = g_param_spec_string ("mime-type", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties [PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, flags);
  properties [PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties [PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties [PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties [PROP_PRIVILEGED] = g_param_spec_boolean ("privileged", NULL, NULL, FALSE, flags);
  properties [PROP_EXHIBIT] = g_param_spec_string ("exhibit", NULL, NULL, NULL, flags);
  properties [PROP_N_CHILDREN] = g_param_spec_uint ("n-children", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_N_CLAIMS] = g_param_spec_uint ("n-claims", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_TEXT_STATUS] = g_param_spec_string ("text-status", NULL, NULL, NULL, flags);
  properties [PROP_RECIPIENTS] = g_param_spec_string ("recipients", NULL, NULL, NULL, flags);
  properties [PROP_PAGES] = g_param_spec_uint ("pages", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cf_document_init (CfDocument *self)
{
}

CfDocument *
cf_document_new_take (CfDocumentData *data)
{
  CfDocument *self = g_object_new (CF_TYPE_DOCUMENT, NULL);

  self->d = *data;
  return self;
}

#define GETTER(type, name, field)                    \
  type                                               \
  cf_document_get_##name (CfDocument *self)          \
  {                                                  \
    g_return_val_if_fail (CF_IS_DOCUMENT (self), 0); \
    return self->d.field;                            \
  }

GETTER (gint64, id, id)
GETTER (gint64, parent_id, parent_id)
GETTER (gint64, duplicate_of, duplicate_of)
GETTER (const char *, name, name)
GETTER (const char *, name_encoding, name_encoding)
GETTER (const char *, source, source)
GETTER (const char *, sha256, sha256)
GETTER (guint64, size, size)
GETTER (const char *, modified, modified)
GETTER (const char *, mime_type, mime_type)
GETTER (CfStatus, status, status)
GETTER (const char *, problem, problem)
GETTER (const char *, title, title)
GETTER (const char *, date, date)
GETTER (const char *, author, author)
GETTER (gboolean, privileged, privileged)
GETTER (const char *, privilege_basis, privilege_basis)
GETTER (const char *, imported, imported)
GETTER (const char *, exhibit, exhibit)
GETTER (guint, exhibit_main, exhibit_main)
GETTER (guint, exhibit_sub, exhibit_sub)
GETTER (gboolean, exhibit_locked, exhibit_locked)
GETTER (guint, n_children, n_children)
GETTER (guint, n_claims, n_claims)
GETTER (const char *, text_status, text_status)
GETTER (const char *, recipients, recipients)
GETTER (guint, pages, pages)
