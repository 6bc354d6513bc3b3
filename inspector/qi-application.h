/* qi-application.h: the qnet-inspector GtkApplication
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "qi-cli.h"

G_BEGIN_DECLS

#define QI_TYPE_APPLICATION (qi_application_get_type ())
G_DECLARE_FINAL_TYPE (QiApplication, qi_application, QI, APPLICATION, GtkApplication)

QiApplication *qi_application_new (const QiOptions *options);

G_END_DECLS
