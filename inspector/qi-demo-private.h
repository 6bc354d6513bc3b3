/* qi-demo-private.h: the demo's state, shared by its parts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qi-demo.h"

G_BEGIN_DECLS

struct _QiDemo
{
  GObject       parent_instance;

  QiEventStore *store;       /* (owned) */
  GArray       *steps;       /* Step */
  guint         next_step;
  guint         timeout_id;
  guint         max_rounds;  /* 0 = forever */
  guint         rounds_done;
  gboolean      running;
  gboolean      in_step;
  char         *workdir;     /* (owned) removed at dispose */
  GCancellable *cancellable; /* (owned) cancelled by qi_demo_stop() */

  /* files */
  QnetFile     *writer;      /* (owned) */
  QnetFile     *reader;      /* (owned) */
  QnetFile     *missing;     /* (owned) */
  char         *path;
  guint         line_no;

  QnetSocket   *server;      /* (owned) listening on 127.0.0.1:port */
  QnetSocket   *accepted;    /* (owned) (nullable) server side of the client */
  QnetSocket   *client;      /* (owned) */
  QnetSocket   *refused;     /* (owned) connects to a closed port */
  guint16       port;
  guint16       closed_port;

  QnetSocket     *http_server;       /* (owned) accepting on 127.0.0.1:port */
  GPtrArray      *http_connections;  /* (owned) its server-side sockets */
  QnetHttpClient *http_client;       /* (owned) keep-alive client */
  QnetHttpClient *http_refused;      /* (owned) asks a closed port */
};

/* qi-demo-socket.c */
void    qi_demo_socket_add_steps (QiDemo *self);
/* A loopback port that was free a moment ago and nobody listens on. */
guint16 qi_demo_find_closed_port (void);

/* qi-demo-http.c */
void qi_demo_http_add_steps   (QiDemo *self);
void qi_demo_http_dispose     (QiDemo *self);

G_END_DECLS
