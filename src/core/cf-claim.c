/* cf-claim.c — snapshots of claims and tags. */
#define G_LOG_DOMAIN "casefile-core"

#include "cf-claim.h"

struct _CfClaim
{
  GObject parent_instance;
  gint64 id;
  gint64 parent_id;
  guint position;
  guint depth;
  char *title;
  char *description;
  CfSide side;
  guint n_documents;
};

G_DEFINE_FINAL_TYPE (CfClaim, cf_claim, G_TYPE_OBJECT)

enum {
  CLAIM_PROP_0,
  CLAIM_PROP_ID,
  CLAIM_PROP_TITLE,
  CLAIM_PROP_DEPTH,
  CLAIM_PROP_N_DOCUMENTS,
  CLAIM_N_PROPS
};

static GParamSpec *claim_properties [CLAIM_N_PROPS];

static void
cf_claim_finalize (GObject *object)
{
  CfClaim *self = (CfClaim *)object;

  g_free (self->title);
  g_free (self->description);
  G_OBJECT_CLASS (cf_claim_parent_class)->finalize (object);
}

static void
cf_claim_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CfClaim *self = CF_CLAIM (object);

  switch (prop_id)
    {
    case CLAIM_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case CLAIM_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case CLAIM_PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;
    case CLAIM_PROP_N_DOCUMENTS:
      g_value_set_uint (value, self->n_documents);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cf_claim_class_init (CfClaimClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cf_claim_finalize;
  object_class->get_property = cf_claim_get_property;

  claim_properties [CLAIM_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  claim_properties [CLAIM_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  claim_properties [CLAIM_PROP_DEPTH] = g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0, flags);
  claim_properties [CLAIM_PROP_N_DOCUMENTS] =
    g_param_spec_uint ("n-documents", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, CLAIM_N_PROPS, claim_properties);
}

static void
cf_claim_init (CfClaim *self)
{
}

CfClaim *
cf_claim_new (gint64      id,
              gint64      parent_id,
              guint       position,
              guint       depth,
              const char *title,
              const char *description,
              CfSide      side,
              guint       n_documents)
{
  CfClaim *self = g_object_new (CF_TYPE_CLAIM, NULL);

  self->id = id;
  self->parent_id = parent_id;
  self->position = position;
  self->depth = depth;
  self->title = g_strdup (title);
  self->description = g_strdup (description ? description : "");
  self->side = side;
  self->n_documents = n_documents;
  return self;
}

gint64
cf_claim_get_id (CfClaim *self)
{
  return self->id;
}

gint64
cf_claim_get_parent_id (CfClaim *self)
{
  return self->parent_id;
}

guint
cf_claim_get_position (CfClaim *self)
{
  return self->position;
}

guint
cf_claim_get_depth (CfClaim *self)
{
  return self->depth;
}

const char *cf_claim_get_title (CfClaim *self) { return self->title; }
const char *cf_claim_get_description (CfClaim *self) { return self->description; }
CfSide
cf_claim_get_side (CfClaim *self)
{
  return self->side;
}

guint
cf_claim_get_n_documents (CfClaim *self)
{
  return self->n_documents;
}


struct _CfTag
{
  GObject parent_instance;
  gint64 document_id;
  gint64 claim_id;
  char *claim_title;
  CfStance stance;
  char *pinpoint;
  char *note;
};

G_DEFINE_FINAL_TYPE (CfTag, cf_tag, G_TYPE_OBJECT)

static void
cf_tag_finalize (GObject *object)
{
  CfTag *self = (CfTag *)object;

  g_free (self->claim_title);
  g_free (self->pinpoint);
  g_free (self->note);
  G_OBJECT_CLASS (cf_tag_parent_class)->finalize (object);
}

static void
cf_tag_class_init (CfTagClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cf_tag_finalize;
}

static void
cf_tag_init (CfTag *self)
{
}

CfTag *
cf_tag_new (gint64      document_id,
            gint64      claim_id,
            const char *claim_title,
            CfStance    stance,
            const char *pinpoint,
            const char *note)
{
  CfTag *self = g_object_new (CF_TYPE_TAG, NULL);

  self->document_id = document_id;
  self->claim_id = claim_id;
  self->claim_title = g_strdup (claim_title);
  self->stance = stance;
  self->pinpoint = g_strdup (pinpoint ? pinpoint : "");
  self->note = g_strdup (note ? note : "");
  return self;
}

gint64
cf_tag_get_document_id (CfTag *self)
{
  return self->document_id;
}

gint64
cf_tag_get_claim_id (CfTag *self)
{
  return self->claim_id;
}

const char *cf_tag_get_claim_title (CfTag *self) { return self->claim_title; }
CfStance
cf_tag_get_stance (CfTag *self)
{
  return self->stance;
}

const char *cf_tag_get_pinpoint (CfTag *self) { return self->pinpoint; }
const char *cf_tag_get_note (CfTag *self) { return self->note; }
