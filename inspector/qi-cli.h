/* qi-cli.h: command-line options and the modes without a window
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gboolean  demo;
  gboolean  text;
  gboolean  listen;         /* default TRUE */
  gboolean  listen_given;   /* --listen was on the command line */
  char     *listen_path;    /* (nullable) NULL = the default socket */
  char     *export_har;     /* (nullable) */
  double    duration;       /* seconds; <= 0 = until interrupted */
  char    **files;          /* (nullable) remaining arguments */
  gboolean  version;
} QiOptions;

void     qi_options_init    (QiOptions   *options);
void     qi_options_clear   (QiOptions   *options);
gboolean qi_options_parse   (QiOptions   *options,
                             int         *argc,
                             char      ***argv,
                             GError     **error);

int      qi_cli_run_text    (QiOptions   *options,
                             gboolean     automatic);
int      qi_cli_export_har  (QiOptions   *options);

G_END_DECLS
