/* cf-import-report.c — import notes and the report window (see
 * cf-import-report.h). */
#define G_LOG_DOMAIN "casefile-gui"

#include "config.h"

#include "cf-import-report.h"

#include <glib/gi18n.h>

struct _CfImportNote
{
  GObject parent_instance;
  CfImportOutcome outcome;
  gint64 document_id;
  char *source;
  char *reason;
};

G_DEFINE_FINAL_TYPE (CfImportNote, cf_import_note, G_TYPE_OBJECT)

static void
cf_import_note_finalize (GObject *object)
{
  CfImportNote *self = CF_IMPORT_NOTE (object);

  g_free (self->source);
  g_free (self->reason);
  G_OBJECT_CLASS (cf_import_note_parent_class)->finalize (object);
}

static void
cf_import_note_class_init (CfImportNoteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cf_import_note_finalize;
}

static void
cf_import_note_init (CfImportNote *self)
{
}

CfImportNote *
cf_import_note_new (const CfImportItem *item)
{
  CfImportNote *self = g_object_new (CF_TYPE_IMPORT_NOTE, NULL);

  self->outcome = item->outcome;
  self->document_id = item->document_id;
  self->source = g_strdup (item->source);
  if (item->outcome == CF_IMPORT_DUPLICATE)
    {
      g_autofree char *original = g_strdup_printf ("%" G_GINT64_FORMAT, item->duplicate_of);
      g_autofree char *same = g_strdup_printf (_("The same bytes as document %s"), original);

      self->reason = item->reason ? g_strdup_printf ("%s; %s", same, item->reason) : g_steal_pointer (&same);
    }
  else
    self->reason = g_strdup (item->reason ? item->reason : _("No reason was given"));
  return self;
}

CfImportOutcome
cf_import_note_get_outcome (CfImportNote *self)
{
  g_return_val_if_fail (CF_IS_IMPORT_NOTE (self), CF_IMPORT_FAILED);
  return self->outcome;
}

const char *
cf_import_note_get_source (CfImportNote *self)
{
  g_return_val_if_fail (CF_IS_IMPORT_NOTE (self), NULL);
  return self->source;
}

const char *
cf_import_note_get_reason (CfImportNote *self)
{
  g_return_val_if_fail (CF_IS_IMPORT_NOTE (self), NULL);
  return self->reason;
}

gint64
cf_import_note_get_document_id (CfImportNote *self)
{
  g_return_val_if_fail (CF_IS_IMPORT_NOTE (self), 0);
  return self->document_id;
}

const char *
cf_import_outcome_label (CfImportOutcome outcome)
{
  switch (outcome)
    {
    case CF_IMPORT_IMPORTED:
      return _("Imported");
    case CF_IMPORT_DUPLICATE:
      return _("Duplicate");
    case CF_IMPORT_SKIPPED:
      return _("Skipped");
    case CF_IMPORT_FAILED:
    default:
      return _("Failed");
    }
}

/* The report window ------------------------------------------------------------ */

struct _CfImportReport
{
  AdwWindow parent_instance;

  AdwWindowTitle *title;
  GtkColumnView *column_view;
  GtkColumnViewColumn *outcome_column;
  GtkColumnViewColumn *source_column;
  GtkColumnViewColumn *reason_column;
};

G_DEFINE_FINAL_TYPE (CfImportReport, cf_import_report, ADW_TYPE_WINDOW)

typedef enum
{
  FIELD_OUTCOME,
  FIELD_SOURCE,
  FIELD_REASON,
} Field;

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_selectable (GTK_LABEL (label), GPOINTER_TO_INT (user_data) != FIELD_OUTCOME);
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  CfImportNote *note = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text;

  switch (GPOINTER_TO_INT (user_data))
    {
    case FIELD_OUTCOME:
      text = cf_import_outcome_label (note->outcome);
      break;
    case FIELD_SOURCE:
      text = note->source;
      break;
    case FIELD_REASON:
    default:
      text = note->reason;
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, GPOINTER_TO_INT (user_data) == FIELD_OUTCOME ? NULL : text);
}

static void
set_factory (GtkColumnViewColumn *column,
             Field                field)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (field));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (field));
  gtk_column_view_column_set_factory (column, factory);
}

static void
cf_import_report_class_init (CfImportReportClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/casefile/Casefile/ui/cf-import-report.ui");
  gtk_widget_class_bind_template_child (widget_class, CfImportReport, title);
  gtk_widget_class_bind_template_child (widget_class, CfImportReport, column_view);
  gtk_widget_class_bind_template_child (widget_class, CfImportReport, outcome_column);
  gtk_widget_class_bind_template_child (widget_class, CfImportReport, source_column);
  gtk_widget_class_bind_template_child (widget_class, CfImportReport, reason_column);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cf_import_report_init (CfImportReport *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_factory (self->outcome_column, FIELD_OUTCOME);
  set_factory (self->source_column, FIELD_SOURCE);
  set_factory (self->reason_column, FIELD_REASON);
}

CfImportReport *
cf_import_report_new (GtkWindow  *parent,
                      GListModel *notes)
{
  CfImportReport *self = g_object_new (CF_TYPE_IMPORT_REPORT, "transient-for", parent, NULL);
  guint n = g_list_model_get_n_items (notes);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
  g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (notes));

  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  return self;
}
