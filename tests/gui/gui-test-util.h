/* gui-test-util.h — what the GUI tests share: starting the real
 * application and a window, waiting on the main loop for something to
 * happen, finding the dialogs a command opened, and the evidence files the
 * tests import. */
#pragma once

#include <adwaita.h>

#include "cf-application.h"
#include "cf-window.h"
#include "test-util.h"

G_BEGIN_DECLS

/* Call first: tu_init, gettext, GTK and libadwaita. */
void         gt_init                 (int          *argc,
                                      char       ***argv);
/* The application, registered (not unique, so tests run side by side). */
GtkApplication *gt_application       (void);
/* A new, shown window of the application. */
CfWindow    *gt_new_window           (void);

typedef gboolean (*GtCondition) (gpointer data);
/* Runs the main loop until cond holds; fails the test after timeout_ms. */
void         gt_wait_until           (GtCondition   cond,
                                      gpointer      data,
                                      guint         timeout_ms,
                                      const char   *what);
/* Runs the main loop for ms milliseconds. */
void         gt_spin                 (guint         ms);
/* Waits until the window's case has applied every edit. */
void         gt_wait_edits           (CfWindow     *window);
/* Opens (or creates) a case in the window and waits for it, and for the
 * reading of unread documents that opening it starts. */
void         gt_open_case            (CfWindow     *window,
                                      const char   *path);

/* Types query into the window's search, as Ctrl+F and typing do, and
 * waits until it ran: its results show, or the message saying what is
 * wrong with it. Returns the microseconds from typing to that. */
gint64       gt_search               (CfWindow     *window,
                                      const char   *query);

/* The newest toplevel of the type, or NULL. */
GtkWidget   *gt_find_toplevel        (GType         type);
/* Waits for a toplevel of the type to appear. */
GtkWidget   *gt_wait_toplevel        (GType         type);
/* Waits for the toplevel to be destroyed (closed). */
void         gt_wait_gone            (GtkWidget    *toplevel);
/* Closes the window as its close button does and waits until it is gone. */
void         gt_close                (GtkWidget    *toplevel);
/* The id of the document with this title (or file name), through the
 * core; the test fails when there is none. */
gint64       gt_document_titled      (CfCase       *reader,
                                      const char   *title);
gint64       gt_document_named       (CfCase       *reader,
                                      const char   *name);
/* Closes the window, then checks that it released the case and left it
 * sound: it opens for writing, fsck is clean, the custody chain whole. */
void         gt_close_and_check_case (GtkWidget    *window,
                                      const char   *case_path);
/* The first descendant of widget of the type whose label/title is text
 * (NULL text: any), or NULL. */
GtkWidget   *gt_find_widget          (GtkWidget    *widget,
                                      GType         type,
                                      const char   *text);
/* Clicks the response's button of a message dialog, as a user would (the
 * dialog answers and closes). */
void         gt_respond              (AdwMessageDialog *dialog,
                                      const char   *response);
/* Answers the file chooser a command opened (GtkFileChooserNative shows a
 * GtkFileChooserDialog when there is no portal), as a user would. */
void         gt_answer_file_chooser  (GFile        *file);

/* Writes the test evidence into dir: Korean-named text files (UTF-8 and
 * CP949), a PNG, a ZIP with two members and a mail (subject, sender and
 * a ks_c_5601-1987 body that only reading finds) with one attachment.
 * Returns how many documents importing and reading dir gives (files,
 * archive members, the attachment); *n_top gets how many of them are the
 * tops of families (what was picked). */
guint        gt_write_evidence       (const char   *dir,
                                      guint        *n_top);

/* Writes a PDF with one page per text (Korean with an embedded CJK
 * font, as office software makes them), titled title. */
void         gt_write_pdf            (const char   *path,
                                      const char   *title,
                                      const char * const *pages);

/* A template child of a widget, by its id in the .ui file. */
#define gt_child(widget, type, name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name))

/* Every label the user can see under widget (GtkLabel texts, window
 * titles, button labels), for language checks. */
GPtrArray   *gt_visible_texts        (GtkWidget    *widget);

G_END_DECLS
