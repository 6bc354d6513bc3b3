/* qi-request-bar.h: run something from the inspector itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "qi-event-store.h"

G_BEGIN_DECLS

#define QI_TYPE_REQUEST_BAR (qi_request_bar_get_type ())
G_DECLARE_FINAL_TYPE (QiRequestBar, qi_request_bar, QI, REQUEST_BAR, GtkWidget)

typedef enum {
  QI_REQUEST_HTTP,
  QI_REQUEST_TCP,
  QI_REQUEST_FILE,
} QiRequestKind;

void qi_request_bar_set_store (QiRequestBar  *self,
                               QiEventStore  *store);
void qi_request_bar_run       (QiRequestBar  *self,
                               QiRequestKind  kind,
                               const char    *method,
                               const char    *target);

G_END_DECLS
